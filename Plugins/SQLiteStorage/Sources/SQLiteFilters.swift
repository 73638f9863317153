import LanternPluginSDK

/// Builds `WHERE` clauses with bound values from the SDK's query types.
struct SQLiteFilter {
    private(set) var clauses: [String] = []
    private(set) var values: [SQLValue] = []

    init(projectID: String, column: String = "project_id") {
        add("\(column) = ?", .text(projectID))
    }

    mutating func add(_ clause: String, _ bound: SQLValue...) {
        clauses.append(clause)
        values += bound
    }

    mutating func equal(_ column: String, _ value: String?) {
        if let value { add("\(column) = ?", .text(value)) }
    }

    mutating func oneOf(_ column: String, _ options: [String]) {
        guard !options.isEmpty else { return }
        clauses.append("\(column) IN (\(Array(repeating: "?", count: options.count).joined(separator: ", ")))")
        values += options.map { .text($0) }
    }

    var sql: String { clauses.joined(separator: " AND ") }

    static func traces(_ query: TraceQuery, projectID: String) -> SQLiteFilter {
        var filter = SQLiteFilter(projectID: projectID)
        filter.equal("user_id", query.userID)
        filter.equal("name", query.name)
        filter.equal("session_id", query.sessionID)
        filter.equal("version", query.version)
        filter.equal("release", query.release)
        filter.oneOf("environment", query.environments)
        if let from = query.fromTimestamp { filter.add("timestamp >= ?", SQLiteCoding.date(from)) }
        if let to = query.toTimestamp { filter.add("timestamp < ?", SQLiteCoding.date(to)) }
        for tag in query.tags { filter.add("EXISTS (SELECT 1 FROM json_each(traces.tags) WHERE value = ?)", .text(tag)) }
        return filter
    }

    static func observations(_ query: ObservationQuery, projectID: String) -> SQLiteFilter {
        var filter = SQLiteFilter(projectID: projectID, column: "o.project_id")
        filter.equal("o.trace_id", query.traceID)
        filter.equal("o.name", query.name)
        filter.equal("o.type", query.type?.rawValue)
        filter.equal("o.parent_observation_id", query.parentObservationID)
        filter.equal("o.level", query.level?.rawValue)
        filter.equal("o.version", query.version)
        filter.oneOf("o.environment", query.environments)
        if let from = query.fromStartTime { filter.add("o.start_time >= ?", SQLiteCoding.date(from)) }
        if let to = query.toStartTime { filter.add("o.start_time < ?", SQLiteCoding.date(to)) }
        if let userID = query.userID {
            filter.add("EXISTS (SELECT 1 FROM traces t WHERE t.project_id = o.project_id AND t.id = o.trace_id AND t.user_id = ?)", .text(userID))
        }
        return filter
    }

    /// The whitelisted sort column for a public API field name.
    static func traceSortColumn(_ field: String) -> String {
        ["timestamp": "timestamp", "name": "name", "userId": "user_id", "sessionId": "session_id",
         "release": "release", "version": "version"][field] ?? "timestamp"
    }
}
