import LanternPluginSDK
import SQLStorageKit

/// Score reads of any target in one snapshot.
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
        filter.oneOf("environment", query.environments)
        filter.oneOf("id", query.scoreIDs)
        filter.oneOf("observation_id", query.observationIDs)
        if let comparison = query.comparison, let value = query.value, let sql = Self.operators[comparison] {
            // NaN matches nothing (as SQLite, which binds it as NULL); PostgreSQL would order it above every number.
            if value.isNaN { filter.add("FALSE") } else { filter.add("value \(sql) ?", .double(value)) }
        }
        for condition in query.metadata {
            let (sql, values) = condition.sql(column: "metadata", dialect: .postgres)
            filter.add(sql, values: values.map { .text($0) })
        }
        if let userID = query.userID {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND user_id = ?)", .text(projectID), .text(userID))
        }
        if !query.traceTags.isEmpty {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND tags @> ?::jsonb)",
                       .text(projectID), try fetcher.json.column(query.traceTags, field: "traceTags"))
        }
        return try fetcher.page(ScoreTable.self, where: filter, orderBy: "timestamp DESC, id DESC", request: query.page)
    }

    /// The SQL of each comparison (fixed fragments, never client text).
    private static let operators: [ScoreQuery.Comparison: String] = [
        .lessThan: "<", .greaterThan: ">", .lessOrEqual: "<=", .greaterOrEqual: ">=", .equal: "=", .notEqual: "!=",
    ]
}
