import Foundation

/// The kind of an observation. New kinds may be added.
public struct ObservationType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Upper-case name as in the Langfuse API (`GENERATION`).
    public let rawValue: String
    /// Creates a type from its upper-case name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let span = ObservationType(rawValue: "SPAN")
    public static let generation = ObservationType(rawValue: "GENERATION")
    public static let event = ObservationType(rawValue: "EVENT")
    public static let agent = ObservationType(rawValue: "AGENT")
    public static let tool = ObservationType(rawValue: "TOOL")
    public static let chain = ObservationType(rawValue: "CHAIN")
    public static let retriever = ObservationType(rawValue: "RETRIEVER")
    public static let evaluator = ObservationType(rawValue: "EVALUATOR")
    public static let embedding = ObservationType(rawValue: "EMBEDDING")
    public static let guardrail = ObservationType(rawValue: "GUARDRAIL")

    /// Every type Langfuse defines.
    public static let all: [ObservationType] = [.span, .generation, .event, .agent, .tool, .chain, .retriever, .evaluator, .embedding, .guardrail]

    /// Whether the type carries model, usage and cost (everything but SPAN and EVENT).
    public var isGenerationLike: Bool { self != .span && self != .event }
}

/// Severity of an observation.
public struct ObservationLevel: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// Upper-case name (`DEFAULT`).
    public let rawValue: String
    /// Creates a level from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let debug = ObservationLevel(rawValue: "DEBUG")
    public static let `default` = ObservationLevel(rawValue: "DEFAULT")
    public static let warning = ObservationLevel(rawValue: "WARNING")
    public static let error = ObservationLevel(rawValue: "ERROR")
    /// Every level, least severe first.
    public static let all: [ObservationLevel] = [.debug, .default, .warning, .error]
}

/// One step inside a trace: a span, a model generation, an event, a tool call, …
public struct Observation: Sendable, Hashable, Codable {
    /// Client-chosen identifier, unique within a project.
    public var id: String
    /// The trace it belongs to; immutable after the first write.
    public var traceID: String
    public var projectID: String
    public var type: ObservationType
    public var name: String?
    /// Immutable after the first write.
    public var startTime: Date
    public var endTime: Date?
    public var completionStartTime: Date?
    public var parentObservationID: String?
    public var level: ObservationLevel
    public var statusMessage: String?
    public var version: String?
    /// Immutable after the first write.
    public var environment: String
    public var input: JSONValue?
    public var output: JSONValue?
    /// Always an object; deep-merged across updates.
    public var metadata: [String: JSONValue]
    public var model: String?
    public var modelParameters: [String: JSONValue]?
    /// Token or unit counts by usage type (`input`, `output`, `total`, `input_cached_tokens`, …).
    public var usageDetails: [String: Double]
    /// Cost in USD by usage type, with `total`.
    public var costDetails: [String: Double]
    /// The model definition whose prices produced `costDetails`; nil when the client sent the costs or no model
    /// matched. Kept with the observation so a later price change does not silently rewrite its cost.
    public var modelID: String?
    public var promptName: String?
    public var promptVersion: Int?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an observation with only its identity set.
    public init(id: String, traceID: String, projectID: String, type: ObservationType, startTime: Date, environment: String = "default", createdAt: Date) {
        self.id = id
        self.traceID = traceID
        self.projectID = projectID
        self.type = type
        self.startTime = startTime
        self.level = .default
        self.environment = environment
        self.metadata = [:]
        self.usageDetails = [:]
        self.costDetails = [:]
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }

    /// Seconds from start to end; nil while unfinished.
    public var latency: Double? { endTime.map { $0.timeIntervalSince(startTime) } }
    /// Seconds from start to the first completion token; nil when unknown.
    public var timeToFirstToken: Double? { completionStartTime.map { $0.timeIntervalSince(startTime) } }
    /// The usage entries whose key contains `part` (`input`, `output`) added up; nil when there are none.
    public func usage(containing part: String) -> Double? { Self.sum(usageDetails, containing: part) }
    /// The cost entries whose key contains `part` (`input`, `output`) added up; nil when there are none.
    public func cost(containing part: String) -> Double? { Self.sum(costDetails, containing: part) }

    /// The entries of usage or cost `details` whose key contains `part` added up; nil when there are none. Storage
    /// plugins keep these sums in columns (`input_tokens`, `output_cost`, …) so that metrics are plain aggregates.
    public static func sum(_ details: [String: Double], containing part: String) -> Double? {
        var total: Double?
        for (key, value) in details where contains(key, part) { total = (total ?? 0) + value }
        return total
    }

    /// Whether `key` contains `part`, compared by UTF-8 bytes as Langfuse's `includes` compares code units (Foundation's
    /// `String.contains`, through NSString, was a fifth of the observation row encoder's time).
    private static func contains(_ key: String, _ part: String) -> Bool {
        let haystack = key.utf8, needle = part.utf8
        guard let first = needle.first else { return true }
        var from = haystack.startIndex
        while let found = haystack[from...].firstIndex(of: first) {
            if haystack[found...].starts(with: needle) { return true }
            from = haystack.index(after: found)
        }
        return false
    }

    /// Total cost: `costDetails["total"]`, else the sum of the other entries; nil when there is no cost.
    public var totalCost: Double? {
        if let total = costDetails["total"] { return total }
        return costDetails.isEmpty ? nil : costDetails.values.reduce(0, +)
    }
}
