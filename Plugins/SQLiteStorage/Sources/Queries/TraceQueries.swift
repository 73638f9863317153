import LanternPluginSDK
import SQLStorageKit

/// Trace reads on one read connection.
struct TraceQueries {
    let fetcher: RowFetcher
    let projectID: String

    /// Sort fields of ``TraceQuery/orderBy`` and their columns; anything else sorts by timestamp.
    private static let sortColumns = ["timestamp": "timestamp", "name": "name", "userId": "user_id", "sessionId": "session_id",
                                      "release": "release", "version": "version"]

    /// A page of traces matching every filter of `query`, in its order (ties by id, same direction).
    func page(_ query: TraceQuery) throws -> Page<TraceSummary> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("user_id", query.userID)
        filter.equal("name", query.name)
        filter.equal("session_id", query.sessionID)
        filter.equal("version", query.version)
        filter.equal("release", query.release)
        if let from = query.fromTimestamp { filter.add("timestamp >= ?", .date(from)) }
        if let to = query.toTimestamp { filter.add("timestamp < ?", .date(to)) }
        if !query.environments.isEmpty {
            filter.add("environment IN (SELECT value FROM json_each(?))", try fetcher.list(query.environments))
        }
        for tag in Set(query.tags).sorted() {
            // Every wanted tag: its traces read once from the trace_tags index (not correlated, so not once per trace).
            filter.add("id IN (SELECT trace_id FROM trace_tags WHERE project_id = ? AND tag = ?)", .text(projectID), .text(tag))
        }
        for total in query.totals { filter.add(total.sqlCondition, .real(total.value)) }
        let column = Self.sortColumns[query.orderBy] ?? "timestamp"
        let direction = query.direction == .ascending ? "ASC" : "DESC"
        // A user, session or name filter selects few traces: seek them by that index and sort them, rather than
        // walk every trace of the project in time order (what SQLite picks without statistics).
        let index = query.userID != nil ? "traces_by_user" : query.sessionID != nil ? "traces_by_session" : query.name != nil ? "traces_by_name" : nil
        let traces = try fetcher.page(TraceTable.self, where: filter, orderBy: "\(column) \(direction), id \(direction)", request: query.page,
                                      index: index)
        return Page(items: try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize(traces.items),
                    totalItems: traces.totalItems, request: traces.request)
    }

    /// One trace with its figures, or nil.
    func trace(id: String) throws -> TraceSummary? {
        guard let trace = try fetcher.row(TraceTable.self, projectID: projectID, id: id) else { return nil }
        return try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize([trace]).first
    }

    /// Every trace of a session with its figures, oldest first.
    func traces(sessionID: String) throws -> [TraceSummary] {
        let traces = try fetcher.fetch(TraceTable.self, "SELECT \(TraceTable.selectList) FROM traces WHERE project_id = ? AND session_id = ? ORDER BY timestamp, id",
                                       [.text(projectID), .text(sessionID)])
        return try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize(traces)
    }
}
