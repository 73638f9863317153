import Foundation

/// A rule's own regular expression (ICU syntax, as `NSRegularExpression` reads it), compiled once when the settings
/// are read. Empty matches are ignored. Custom rules run last, on whatever the built-in detectors left.
struct CustomPatternDetector: Detector {
    let name: String
    let pattern: String
    private let regex: NSRegularExpression

    /// Compiles `pattern`; nil when it is not a valid expression.
    init?(name: String, pattern: String) {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.name = name
        self.pattern = pattern
        self.regex = regex
    }

    var identity: String { "custom:\(name):\(pattern)" }

    /// Whether the pattern matches the empty text, which would make it match between any two characters.
    var matchesEmptyText: Bool {
        regex.firstMatch(in: "", range: NSRange(location: 0, length: 0)) != nil
    }

    func matches(in text: ScannedText) -> [Range<Int>] {
        let string = text.string
        let utf8 = string.utf8
        return regex.matches(in: string, range: NSRange(string.startIndex..., in: string)).compactMap { match in
            // ICU reports UTF-16 ranges of whole code points; they become UTF-8 offsets on the same scalar boundaries.
            guard match.range.length > 0, let range = Range(match.range, in: string) else { return nil }
            return utf8.distance(from: utf8.startIndex, to: range.lowerBound)..<utf8.distance(from: utf8.startIndex, to: range.upperBound)
        }
    }
}
