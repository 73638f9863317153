/// Finds one kind of sensitive value in text.
///
/// Matches are byte ranges of the text's UTF-8. Built-in detectors start and end every match on an ASCII byte, and
/// custom patterns report whole Unicode scalars, so every cut falls on a scalar boundary and the masked text stays
/// valid Unicode.
protocol Detector: Sendable {
    /// The name in settings, replacement tokens and counters (`email`, `credit_card`, a custom rule's name).
    var name: String { get }
    /// What tells two rules' detectors apart: the name for built-ins, name and pattern for custom ones.
    var identity: String { get }
    /// Every match in `text`, in ascending order, none overlapping another.
    func matches(in text: ScannedText) -> [Range<Int>]
}

extension Detector {
    var identity: String { name }
}

/// A detector that can also judge the digits of a JSON number, for rules that set `numbers: true`.
protocol NumberDetector: Detector {
    /// Whether `digits` (an integer's decimal digits, no sign) is a value of this kind.
    func matchesNumber(digits: ScannedText) -> Bool
}
