import Foundation

/// Filters and order of a trace list (`GET /api/public/traces`). Every set filter must hold (AND).
public struct TraceQuery: Sendable, Hashable {
    public var userID: String?
    public var name: String?
    public var sessionID: String?
    /// The trace must carry every one of these tags.
    public var tags: [String] = []
    /// Inclusive lower bound on `timestamp`.
    public var fromTimestamp: Date?
    /// Exclusive upper bound on `timestamp`.
    public var toTimestamp: Date?
    public var version: String?
    public var release: String?
    /// The trace's environment must be one of these (any when empty).
    public var environments: [String] = []
    /// Conditions on the totals of the trace's observations (e.g. total cost above $0.10).
    public var totals: [TraceTotalFilter] = []
    /// The trace must have at least one observation at one of these levels (any when empty).
    public var levels: [ObservationLevel] = []
    /// Conditions on the trace's numeric and boolean scores: each must hold for some score of that name.
    public var scores: [TraceScoreFilter] = []
    /// A substring search over the trace's ids, names, input or output.
    public var search: TraceSearch?
    /// Keyset pagination in the default order (timestamp, then id, descending): the page holds the traces that sort
    /// strictly after this one, `page.page` is ignored, and `totalItems` still counts every match. Other orders page
    /// by number.
    public var after: TraceCursor?
    /// Sort field: `timestamp`, `name`, `userId`, `sessionId`, `release`, `version`, or a total of the trace's
    /// observations, `latency`, `totalCost`, `totalTokens`; ties broken by id.
    public var orderBy: String = "timestamp"
    public var direction: SortDirection = .descending
    public var page = PageRequest()

    /// Creates an unfiltered query, newest first.
    public init() {}
}

/// A condition on a total of a trace's observations: `<total> <comparison> <value>`.
public struct TraceTotalFilter: Sendable, Hashable {
    /// The totals a trace list can filter by.
    public enum Total: String, Sendable, Hashable, CaseIterable {
        /// Seconds from the earliest observation start to the latest end.
        case latency
        case inputTokens, outputTokens, totalTokens
        case inputCost, outputCost, totalCost
    }

    /// How the total is compared; a trace without observations has no totals and never matches.
    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case equals = "=", greater = ">", less = "<", greaterOrEqual = ">=", lessOrEqual = "<="
    }

    public var total: Total
    public var comparison: Comparison
    public var value: Double

    /// Creates a filter.
    public init(_ total: Total, _ comparison: Comparison, _ value: Double) {
        self.total = total
        self.comparison = comparison
        self.value = value
    }
}

/// A position in the newest-first order of traces (timestamp descending, then id descending).
public struct TraceCursor: Sendable, Hashable {
    public var timestamp: Date
    public var id: String

    /// A cursor at a timestamp and id.
    public init(timestamp: Date, id: String) {
        self.timestamp = timestamp
        self.id = id
    }
}

/// A condition on a trace's scores: the trace has a score named ``name`` whose numeric value (1 or 0 for a boolean)
/// compares with ``value``.
public struct TraceScoreFilter: Sendable, Hashable {
    public var name: String
    public var comparison: TraceTotalFilter.Comparison
    public var value: Double

    /// Creates a filter.
    public init(name: String, _ comparison: TraceTotalFilter.Comparison, _ value: Double) {
        self.name = name
        self.comparison = comparison
        self.value = value
    }
}

/// A case-insensitive substring search over traces, as Langfuse's search box: ids and names by default, or the
/// trace's input and output text.
public struct TraceSearch: Sendable, Hashable {
    /// Where the text is looked for.
    public enum Scope: String, Sendable, Hashable, CaseIterable {
        /// The trace id, its name, user id and session id.
        case ids = "id"
        /// The trace's input (its JSON text).
        case input
        /// The trace's output (its JSON text).
        case output
    }

    public var text: String
    /// A trace matches when the text occurs in any of these.
    public var scopes: Set<Scope>

    /// Creates a search; an empty `scopes` searches ids and names.
    public init(text: String, scopes: Set<Scope>) {
        self.text = text
        self.scopes = scopes.isEmpty ? [.ids] : scopes
    }
}

/// Filters of an observation list (`GET /api/public/observations`).
public struct ObservationQuery: Sendable, Hashable {
    public var traceID: String?
    public var name: String?
    public var type: ObservationType?
    /// Matches the `userId` of the observation's trace.
    public var userID: String?
    /// Matches the `sessionId` of the observation's trace.
    public var sessionID: String?
    public var parentObservationID: String?
    public var level: ObservationLevel?
    public var environments: [String] = []
    /// Inclusive lower bound on `startTime`.
    public var fromStartTime: Date?
    /// Exclusive upper bound on `startTime`.
    public var toStartTime: Date?
    public var version: String?
    /// The prompt the observation (a generation) was made from.
    public var promptName: String?
    /// With ``promptName``: that prompt's version.
    public var promptVersion: Int?
    /// Ordered by start time, newest first; ties broken by id.
    public var page = PageRequest()

    /// Creates an unfiltered query.
    public init() {}
}

/// A position in the newest-first order of observations (start time descending, then id descending), for keyset
/// pagination: a page after a cursor holds the observations that sort strictly after it.
public struct ObservationCursor: Sendable, Hashable {
    public var startTime: Date
    public var id: String

    /// The cursor at `observation`.
    public init(after observation: Observation) {
        startTime = observation.startTime
        id = observation.id
    }

    /// A cursor at a start time and id.
    public init(startTime: Date, id: String) {
        self.startTime = startTime
        self.id = id
    }
}

/// Filters of a session list (`GET /api/public/sessions`), newest first.
public struct SessionQuery: Sendable, Hashable {
    /// Inclusive lower bound on `createdAt`.
    public var fromTimestamp: Date?
    /// Exclusive upper bound on `createdAt`.
    public var toTimestamp: Date?
    public var environments: [String] = []
    public var page = PageRequest()

    /// Creates an unfiltered query.
    public init() {}
}
