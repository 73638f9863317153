import Foundation

/// Filters of a score list (`GET /api/public/v2/scores`). Every set filter must hold (AND); newest first
/// (by `timestamp`, ties by id, both descending).
public struct ScoreQuery: Sendable, Hashable {
    /// A comparison of a score's numeric `value` with ``ScoreQuery/value``.
    public struct Comparison: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        /// Creates a comparison from its operator text.
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let lessThan = Comparison(rawValue: "<")
        public static let greaterThan = Comparison(rawValue: ">")
        public static let lessOrEqual = Comparison(rawValue: "<=")
        public static let greaterOrEqual = Comparison(rawValue: ">=")
        public static let equal = Comparison(rawValue: "=")
        public static let notEqual = Comparison(rawValue: "!=")
        /// Every operator, as the API accepts them.
        public static let all: [Comparison] = [.lessThan, .greaterThan, .lessOrEqual, .greaterOrEqual, .equal, .notEqual]
    }

    /// Matches the `userId` of the score's trace.
    public var userID: String?
    public var name: String?
    /// Inclusive lower bound on `timestamp`.
    public var fromTimestamp: Date?
    /// Exclusive upper bound on `timestamp`.
    public var toTimestamp: Date?
    /// The score's environment must be one of these (any when empty).
    public var environments: [String] = []
    public var source: ScoreSource?
    /// With ``value``: only scores whose numeric value compares so.
    public var comparison: Comparison?
    public var value: Double?
    /// Only these ids (any when empty).
    public var scoreIDs: [String] = []
    public var configID: String?
    public var sessionID: String?
    public var datasetRunID: String?
    public var traceID: String?
    /// Only scores on one of these observations (any when empty).
    public var observationIDs: [String] = []
    public var queueID: String?
    public var dataType: ScoreDataType?
    /// The score's trace must carry every one of these tags.
    public var traceTags: [String] = []
    /// Conditions on keys of the score's metadata (all must hold).
    public var metadata: [MetadataTextCondition] = []
    public var page = PageRequest()

    /// Creates an unfiltered query.
    public init() {}
}
