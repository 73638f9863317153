import LanternPluginSDK

/// Trace reads in one snapshot.
package struct TraceQueries<Connection: SQLConnection> {
    let fetcher: RowFetcher<Connection>
    let projectID: String

    /// Trace reads of `projectID` with `fetcher`.
    package init(fetcher: RowFetcher<Connection>, projectID: String) {
        self.fetcher = fetcher
        self.projectID = projectID
    }

    /// A page of traces matching every filter of `query`, in its order (ties by id, same direction).
    package func page(_ query: TraceQuery) throws -> Page<TraceSummary> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("user_id", query.userID)
        filter.equal("name", query.name)
        filter.equal("session_id", query.sessionID)
        filter.equal("version", query.version)
        filter.equal("release", query.release)
        if let from = query.fromTimestamp { filter.add("timestamp >= ?", .date(from)) }
        if let to = query.toTimestamp { filter.add("timestamp < ?", .date(to)) }
        try filter.oneOf("environment", query.environments, on: fetcher)
        try Connection.addTraceTags(query.tags, projectID: projectID, to: &filter, json: fetcher.json)
        for total in query.totals { filter.add(total.sqlCondition, .real(total.value)) }
        if !query.levels.isEmpty {
            let levels = TraceConditionSQL.levels(query.levels)
            filter.add(levels.sql, values: levels.values)
        }
        for score in query.scores {
            let condition = TraceConditionSQL.score(score)
            filter.add(condition.sql, values: condition.values)
        }
        if let search = query.search, !search.text.isEmpty {
            let condition = TraceConditionSQL.search(search, dialect: Connection.metricsDialect)
            filter.add(condition.sql, values: condition.values)
        }
        let column = traceSortColumns[query.orderBy] ?? "timestamp"
        // A user, session or name filter selects few traces: seek them by that index and sort them, rather than
        // walk every trace of the project in time order (what SQLite picks without statistics).
        let index = query.userID != nil ? "traces_by_user" : query.sessionID != nil ? "traces_by_session" : query.name != nil ? "traces_by_name" : nil
        let order = Connection.traceOrder(column, ascending: query.direction == .ascending)
        let traces: Page<Trace>
        if let after = query.after, column == "timestamp", query.direction == .descending {
            traces = try pageAfter(after, filter: filter, order: order, request: query.page, index: index)
        } else {
            traces = try fetcher.page(TraceTable.self, where: filter, orderBy: order, request: query.page, index: index)
        }
        return Page(items: try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize(traces.items),
                    totalItems: traces.totalItems, request: traces.request)
    }

    /// The traces after `cursor` (keyset), counting every match of `filter` without it.
    private func pageAfter(_ cursor: TraceCursor, filter: SQLFilter, order: String, request: PageRequest, index: String?) throws -> Page<Trace> {
        let source = Connection.source(TraceTable.table, index: index)
        let total = try fetcher.count("SELECT COUNT(*) FROM \(source) WHERE \(filter.sql)", filter.values)
        var after = filter
        let before = Connection.precedes(("timestamp", "id"), (.date(cursor.timestamp), .text(cursor.id)))
        after.add(before.sql, values: before.values)
        let items = try fetcher.fetch(TraceTable.self, "SELECT \(TraceTable.selectList) FROM \(source) WHERE \(after.sql) ORDER BY \(order) LIMIT ?",
                                      after.values + [.integer(PageWindow(request).limit)])
        return Page(items: items, totalItems: total, request: request)
    }

    /// One trace with its figures, or nil.
    package func trace(id: String) throws -> TraceSummary? {
        guard let trace = try fetcher.row(TraceTable.self, projectID: projectID, id: id) else { return nil }
        return try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize([trace]).first
    }

    /// Every trace of a session with its figures, oldest first.
    package func traces(sessionID: String) throws -> [TraceSummary] {
        let traces = try fetcher.fetch(TraceTable.self, "SELECT \(TraceTable.selectList) FROM traces WHERE project_id = ? AND session_id = ? ORDER BY timestamp, id",
                                       [.text(projectID), .text(sessionID)])
        return try TraceSummaries(fetcher: fetcher, projectID: projectID).summarize(traces)
    }
}

/// Sort fields of ``TraceQuery/orderBy`` and their columns; anything else sorts by timestamp. The totals are read
/// from the trace's `trace_totals` row (a trace without observations has none and sorts as NULL).
private let traceSortColumns = ["timestamp": "timestamp", "name": "name", "userId": "user_id", "sessionId": "session_id",
                                "release": "release", "version": "version", "latency": traceTotal("tt.last_end - tt.first_start"),
                                "totalCost": traceTotal("tt.total_cost"), "totalTokens": traceTotal("tt.total_tokens")]

private func traceTotal(_ column: String) -> String {
    "(SELECT \(column) FROM trace_totals tt WHERE tt.project_id = traces.project_id AND tt.trace_id = traces.id)"
}
