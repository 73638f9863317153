import LanternPluginSDK

/// Score reads of any target in one snapshot.
package struct ScoreQueries<Connection: SQLConnection> {
    let fetcher: RowFetcher<Connection>
    let projectID: String

    /// Score reads of `projectID` with `fetcher`.
    package init(fetcher: RowFetcher<Connection>, projectID: String) {
        self.fetcher = fetcher
        self.projectID = projectID
    }

    /// One score, or nil.
    package func score(id: String) throws -> Score? {
        try fetcher.row(ScoreTable.self, projectID: projectID, id: id)
    }

    /// A page of scores matching every filter of `query`, newest first (ties by id, descending).
    package func page(_ query: ScoreQuery) throws -> Page<Score> {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("name", query.name)
        filter.equal("source", query.source?.rawValue)
        filter.equal("config_id", query.configID)
        filter.equal("session_id", query.sessionID)
        filter.equal("dataset_run_id", query.datasetRunID)
        filter.equal("trace_id", query.traceID)
        filter.equal("queue_id", query.queueID)
        filter.equal("data_type", query.dataType?.rawValue)
        if let from = query.fromTimestamp { filter.add("timestamp >= ?", .date(from)) }
        if let to = query.toTimestamp { filter.add("timestamp < ?", .date(to)) }
        try filter.oneOf("environment", query.environments, on: fetcher)
        try filter.oneOf("id", query.scoreIDs, on: fetcher)
        try filter.oneOf("observation_id", query.observationIDs, on: fetcher)
        if let comparison = query.comparison, let value = query.value, let sql = comparisonSQL[comparison] {
            // NaN matches nothing: SQLite would bind it as NULL, PostgreSQL order it above every number.
            if value.isNaN { filter.add("FALSE") } else { filter.add("value \(sql) ?", .real(value)) }
        }
        for condition in query.metadata {
            let (sql, values) = condition.sql(column: "metadata", dialect: Connection.metricsDialect)
            filter.add(sql, values: values.map { .text($0) })
        }
        if let userID = query.userID {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND user_id = ?)", .text(projectID), .text(userID))
        }
        if !query.traceTags.isEmpty {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND \(Connection.containsAll("traces.tags")))",
                       .text(projectID), try fetcher.json.column(query.traceTags, field: "traceTags"))
        }
        return try fetcher.page(ScoreTable.self, where: filter, orderBy: "timestamp DESC, id DESC", request: query.page)
    }
}

/// The SQL of each score comparison (fixed fragments, never client text).
private let comparisonSQL: [ScoreQuery.Comparison: String] = [
    .lessThan: "<", .greaterThan: ">", .lessOrEqual: "<=", .greaterOrEqual: ">=", .equal: "=", .notEqual: "!=",
]
