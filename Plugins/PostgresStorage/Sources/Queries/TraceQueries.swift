import LanternPluginSDK
import SQLStorageKit

/// Trace reads in one snapshot.
struct TraceQueries {
    let fetcher: RowFetcher
    let projectID: String

    /// Sort fields of ``TraceQuery/orderBy`` and their columns; anything else sorts by timestamp.
    private static let sortColumns = ["timestamp": "timestamp", "name": "name", "userId": "user_id", "sessionId": "session_id",
                                      "release": "release", "version": "version"]

    /// A page of traces matching every filter of `query`, in its order (ties by id, same direction).
    /// NULLs sort before any value, as in SQLite.
    func page(_ query: TraceQuery) throws -> Page<TraceSummary> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("user_id", query.userID)
        filter.equal("name", query.name)
        filter.equal("session_id", query.sessionID)
        filter.equal("version", query.version)
        filter.equal("release", query.release)
        if let from = query.fromTimestamp { filter.add("timestamp >= ?", .date(from)) }
        if let to = query.toTimestamp { filter.add("timestamp < ?", .date(to)) }
        try filter.oneOf("environment", query.environments, on: fetcher)
        if !query.tags.isEmpty {
            // The trace's tags contain every wanted tag (served by the GIN index).
            filter.add("tags @> ?::jsonb", try fetcher.json.column(query.tags, field: "tags"))
        }
        for total in query.totals { filter.add(total.sqlCondition, .real(total.value)) }
        let column = Self.sortColumns[query.orderBy] ?? "timestamp"
        // `timestamp` is never NULL: without a NULLS clause the order matches `traces_by_time` (read backwards for
        // newest first); with one, PostgreSQL sorted every trace of the project for each page.
        let nulls = column == "timestamp" ? ("", "") : (" NULLS FIRST", " NULLS LAST")
        let order = query.direction == .ascending ? "\(column) ASC\(nulls.0), id ASC" : "\(column) DESC\(nulls.1), id DESC"
        let traces = try fetcher.page(TraceTable.self, where: filter, orderBy: order, request: query.page)
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
        let traces = try fetcher.fetch(TraceTable.self, """
            SELECT \(TraceTable.selectList) FROM traces WHERE project_id = $1 AND session_id = $2 ORDER BY timestamp, id
            """, [.text(projectID), .text(sessionID)])
        return try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize(traces)
    }
}
