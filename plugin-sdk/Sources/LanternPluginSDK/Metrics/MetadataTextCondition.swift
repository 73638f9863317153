/// A text condition on one top-level key of a JSON object column (a score's metadata): case-sensitive; an absent
/// key never matches.
public struct MetadataTextCondition: Sendable, Hashable {
    public var key: String
    public var comparison: MetricsFilter.TextOperator
    public var value: String

    /// Creates a condition.
    public init(key: String, comparison: MetricsFilter.TextOperator, value: String) {
        self.key = key
        self.comparison = comparison
        self.value = value
    }
}
