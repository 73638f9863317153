/// The detectors to run on one string and what each match becomes, in masking order.
struct MaskingPlan: Sendable {
    /// One detector with its rule's replacement.
    struct Entry: Sendable {
        let detector: any Detector
        let replacement: Replacement
        let numbers: Bool
    }

    /// In masking order; each detector once, with the first rule (in settings order) that names it.
    let entries: [Entry]
    /// The entries that also judge JSON numbers; usually none, so numbers cost nothing.
    let numberEntries: [Entry]
    /// The entry of the secret-assignment detector, which also masks string members under a secret's key.
    let secretEntry: Entry?

    /// The plan of `rules` (in settings order).
    init(rules: [MaskingRule]) {
        var seen: Set<String> = []
        let chosen = rules.filter { seen.insert($0.detector.identity).inserted }
        entries = chosen.enumerated()
            .sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map { Entry(detector: $0.element.detector, replacement: $0.element.replacement, numbers: $0.element.numbers) }
        numberEntries = entries.filter { $0.numbers && $0.detector is any NumberDetector }
        secretEntry = entries.first { $0.detector is SecretAssignmentDetector }
    }

    /// Whether the plan masks nothing.
    var isEmpty: Bool { entries.isEmpty }
}
