import Foundation

/// A score's data type. New types may be added.
public struct ScoreDataType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let numeric = ScoreDataType(rawValue: "NUMERIC")
    public static let categorical = ScoreDataType(rawValue: "CATEGORICAL")
    public static let boolean = ScoreDataType(rawValue: "BOOLEAN")
    public static let text = ScoreDataType(rawValue: "TEXT")
    public static let correction = ScoreDataType(rawValue: "CORRECTION")
    /// Every type Langfuse defines.
    public static let all: [ScoreDataType] = [.numeric, .categorical, .boolean, .text, .correction]
}

/// Where a score came from.
public struct ScoreSource: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Sent by a client through the API or an SDK.
    public static let api = ScoreSource(rawValue: "API")
    /// Given by a person in an annotation flow.
    public static let annotation = ScoreSource(rawValue: "ANNOTATION")
    /// Produced by an evaluator.
    public static let eval = ScoreSource(rawValue: "EVAL")
    /// Every source Langfuse defines.
    public static let all: [ScoreSource] = [.api, .annotation, .eval]
}

/// A score attached to exactly one target: a trace (optionally one of its observations), a session or a dataset run.
public struct Score: Sendable, Hashable, Codable {
    /// Identifier; a score with an existing id replaces it (upsert).
    public var id: String
    public var projectID: String
    public var name: String
    public var dataType: ScoreDataType
    /// Numeric value (NUMERIC, BOOLEAN as 0/1, CATEGORICAL's optional mapping).
    public var value: Double?
    /// Text value (CATEGORICAL label, BOOLEAN "True"/"False", TEXT, CORRECTION).
    public var stringValue: String?
    public var source: ScoreSource
    public var traceID: String?
    public var observationID: String?
    public var sessionID: String?
    public var datasetRunID: String?
    public var comment: String?
    public var metadata: [String: JSONValue]
    public var configID: String?
    public var queueID: String?
    public var authorUserID: String?
    public var environment: String
    public var timestamp: Date
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a score.
    public init(id: String, projectID: String, name: String, dataType: ScoreDataType, value: Double?, stringValue: String?,
                source: ScoreSource, timestamp: Date, environment: String = "default", createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.dataType = dataType
        self.value = value
        self.stringValue = stringValue
        self.source = source
        self.metadata = [:]
        self.environment = environment
        self.timestamp = timestamp
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// A score an evaluator proposes; the kernel fills in identity, target and source and writes it like any client's.
public struct ScoreDraft: Sendable, Hashable {
    public var name: String
    public var dataType: ScoreDataType
    public var value: Double?
    public var stringValue: String?
    public var comment: String?
    /// Score a specific observation of the trace instead of the trace itself.
    public var observationID: String?

    /// A numeric score.
    public static func numeric(_ name: String, _ value: Double, comment: String? = nil) -> ScoreDraft {
        ScoreDraft(name: name, dataType: .numeric, value: value, stringValue: nil, comment: comment)
    }
    /// A boolean score (stored as 1/0 with "True"/"False").
    public static func boolean(_ name: String, _ value: Bool, comment: String? = nil) -> ScoreDraft {
        ScoreDraft(name: name, dataType: .boolean, value: value ? 1 : 0, stringValue: value ? "True" : "False", comment: comment)
    }
    /// A categorical score.
    public static func categorical(_ name: String, _ label: String, comment: String? = nil) -> ScoreDraft {
        ScoreDraft(name: name, dataType: .categorical, value: nil, stringValue: label, comment: comment)
    }

    /// Creates a draft.
    public init(name: String, dataType: ScoreDataType, value: Double?, stringValue: String?, comment: String? = nil, observationID: String? = nil) {
        self.name = name
        self.dataType = dataType
        self.value = value
        self.stringValue = stringValue
        self.comment = comment
        self.observationID = observationID
    }
}
