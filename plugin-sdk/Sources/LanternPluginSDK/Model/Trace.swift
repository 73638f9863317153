import Foundation

/// A trace: one request or run of an LLM application, the root of its observations.
public struct Trace: Sendable, Hashable, Codable {
    /// Client-chosen identifier, unique within a project.
    public var id: String
    /// The owning project.
    public var projectID: String
    /// When the trace started; immutable after the first write.
    public var timestamp: Date
    public var name: String?
    public var userID: String?
    public var sessionID: String?
    public var release: String?
    public var version: String?
    public var input: JSONValue?
    public var output: JSONValue?
    /// Always an object; deep-merged across updates.
    public var metadata: [String: JSONValue]
    /// Sorted and de-duplicated; unioned across updates.
    public var tags: [String]
    /// Whether the trace is shared publicly.
    public var isPublic: Bool
    /// Normalised environment (`default` when none); immutable after the first write.
    public var environment: String
    public var externalID: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a trace with only its identity set.
    public init(id: String, projectID: String, timestamp: Date, environment: String = "default", createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.timestamp = timestamp
        self.metadata = [:]
        self.tags = []
        self.isPublic = false
        self.environment = environment
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}

/// A trace with the figures the list and detail APIs derive from its observations and scores.
public struct TraceSummary: Sendable, Hashable {
    public var trace: Trace
    /// Ids of its observations, ordered by start time.
    public var observationIDs: [String]
    /// Ids of its scores.
    public var scoreIDs: [String]
    /// Seconds from the earliest observation start to the latest observation end; nil without observations.
    public var latency: Double?
    /// Sum of its observations' total cost; nil when none has a cost.
    public var totalCost: Double?
    /// Sums of its observations' input, output and total token counts (usage keys containing `input`/`output`, and
    /// `total`); nil when none has usage.
    public var inputTokens: Double?
    public var outputTokens: Double?
    public var totalTokens: Double?

    /// Creates a summary.
    public init(trace: Trace, observationIDs: [String] = [], scoreIDs: [String] = [], latency: Double? = nil, totalCost: Double? = nil,
                inputTokens: Double? = nil, outputTokens: Double? = nil, totalTokens: Double? = nil) {
        self.trace = trace
        self.observationIDs = observationIDs
        self.scoreIDs = scoreIDs
        self.latency = latency
        self.totalCost = totalCost
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.totalTokens = totalTokens
    }
}

/// A session: traces that share a `sessionId`. Created implicitly by the first such trace.
public struct Session: Sendable, Hashable, Codable {
    public var id: String
    public var projectID: String
    public var environment: String
    public var createdAt: Date

    /// Creates a session.
    public init(id: String, projectID: String, environment: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.environment = environment
        self.createdAt = createdAt
    }
}

extension TraceSummary {
    /// The totals of a trace's observations, as storage aggregates them.
    public struct Totals: Sendable, Hashable {
        public var latency, totalCost, inputTokens, outputTokens, totalTokens: Double?

        /// Creates totals.
        public init(latency: Double?, totalCost: Double?, inputTokens: Double?, outputTokens: Double?, totalTokens: Double?) {
            self.latency = latency
            self.totalCost = totalCost
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
            self.totalTokens = totalTokens
        }
    }

    /// Creates a summary with the totals of its observations (nil when it has none).
    public init(trace: Trace, observationIDs: [String], scoreIDs: [String], totals: Totals?) {
        self.init(trace: trace, observationIDs: observationIDs, scoreIDs: scoreIDs, latency: totals?.latency, totalCost: totals?.totalCost,
                  inputTokens: totals?.inputTokens, outputTokens: totals?.outputTokens, totalTokens: totals?.totalTokens)
    }
}
