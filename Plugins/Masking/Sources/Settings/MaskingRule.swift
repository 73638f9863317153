/// One checked rule: what to find, where, and what to put in its place.
struct MaskingRule: Sendable {
    let detector: any Detector
    /// The detector's place in the masking order (built-ins by ``DetectorCatalog``, custom rules after them).
    let rank: Int
    let scope: FieldScope
    let replacement: Replacement
    /// Whether JSON numbers are judged too (card and phone rules only).
    let numbers: Bool
}

/// What a match becomes.
enum Replacement: String, Sendable {
    /// `[REDACTED:<detector>]`.
    case redact
    /// `[HASH:<detector>:<12 hex digits>]`, the same for the same value within a project (see ``ProjectHasher``).
    case hash
}
