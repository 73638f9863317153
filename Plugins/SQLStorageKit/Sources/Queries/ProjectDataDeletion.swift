import LanternPluginSDK

/// Deletes a project's data a batch at a time, from one table per call, so that deleting a large project never holds
/// the writer (SQLite) or its locks (PostgreSQL) for long and other projects' writes interleave.
package struct ProjectDataDeletion: Sendable {
    let projectID: String
    let limit: Int

    /// Every table with a `project_id` column but `projects`, in deletion order. Keys and memberships go first, so
    /// nobody reaches the project while the rest goes; then each row before the rows it refers to (scores before their
    /// queue, config and run; queue items before their queue; run items before their run and item; observations before
    /// their trace, prompt and model; traces before their session), so a deletion cut short leaves no row pointing at a
    /// deleted one. The database's own tables (see ``SQLConnection/ownProjectTables``) go before the traces they index.
    /// Built-in models have no project (an empty `project_id`) and are never matched.
    ///
    /// A new project-scoped table must be added here, or deleting a project leaves its rows behind.
    static func tables<Connection: SQLConnection>(_: Connection.Type) -> [String] {
        ["api_keys", "project_memberships", "comments", "scores",
         "annotation_queue_assignments", "annotation_queue_items", "annotation_queues", "score_configs",
         "evaluation_executions", "evaluation_rules", "evaluators", "llm_connections",
         "dataset_run_items", "dataset_runs", "dataset_item_versions", "dataset_items", "datasets", "media"]
            + Connection.ownProjectTables + ["trace_totals", "observations", "traces", "sessions", "prompts", "models"]
    }

    /// The deletion of at most `limit` rows of `projectID`'s data.
    package init(projectID: String, limit: Int) {
        self.projectID = projectID
        self.limit = limit
    }

    /// Deletes from the first table in ``tables(_:)`` order still holding rows of the project, in one transaction;
    /// returns that table and how many rows went, or nil when no table holds any.
    package func run<Connection>(with fetcher: RowFetcher<Connection>) throws -> (table: String, rows: Int)? {
        guard limit > 0 else { throw StorageError.invalid("the number of rows to delete must be positive (got \(limit))") }
        let connection = fetcher.connection
        let bound: [SQLValue] = [.text(projectID), .int(limit)]
        return try connection.atomically {
            for table in Self.tables(Connection.self) {
                let rows = try connection.run(Connection.limitedProjectDeletion(from: table), bound)
                if rows > 0 { return (table, rows) }
            }
            return nil
        }
    }
}
