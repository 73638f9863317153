import LanternPluginSDK
import SQLStorageKit

/// Score reads of any target on one read connection.
struct ScoreQueries {
    let fetcher: RowFetcher
    let projectID: String

    /// One score, or nil.
    func score(id: String) throws -> Score? {
        try fetcher.row(ScoreTable.self, projectID: projectID, id: id)
    }

    /// A page of scores matching every filter of `query`, newest first (ties by id, descending).
    func page(_ query: ScoreQuery) throws -> Page<Score> {
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
        if !query.environments.isEmpty { filter.add("environment IN (SELECT value FROM json_each(?))", try fetcher.list(query.environments)) }
        if !query.scoreIDs.isEmpty { filter.add("id IN (SELECT value FROM json_each(?))", try fetcher.list(query.scoreIDs)) }
        if !query.observationIDs.isEmpty {
            filter.add("observation_id IN (SELECT value FROM json_each(?))", try fetcher.list(query.observationIDs))
        }
        if let comparison = query.comparison, let value = query.value, let sql = Self.operators[comparison] {
            filter.add("value \(sql) ?", .real(value))
        }
        for condition in query.metadata {
            let (sql, values) = condition.sql(column: "metadata", dialect: .sqlite)
            filter.add(sql, values: values.map { .text($0) })
        }
        if let userID = query.userID {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND user_id = ?)", .text(projectID), .text(userID))
        }
        if !query.traceTags.isEmpty {
            filter.add("""
                trace_id IN (SELECT id FROM traces WHERE project_id = ? AND NOT EXISTS (SELECT 1 FROM json_each(?) AS wanted
                WHERE wanted.value NOT IN (SELECT value FROM json_each(traces.tags))))
                """, .text(projectID), try fetcher.list(query.traceTags))
        }
        return try fetcher.page(ScoreTable.self, where: filter, orderBy: "timestamp DESC, id DESC", request: query.page)
    }

    /// The SQL of each comparison (fixed fragments, never client text).
    private static let operators: [ScoreQuery.Comparison: String] = [
        .lessThan: "<", .greaterThan: ">", .lessOrEqual: "<=", .greaterOrEqual: ">=", .equal: "=", .notEqual: "!=",
    ]
}
