import Foundation
import LanternPluginSDK

/// The evaluation job queue and execution log (``EvaluationStore``): one table, where a waiting row is a job.
extension SQLStorage {
    /// Rows per INSERT statement when enqueuing (21 parameters each, far below either database's limit).
    static var enqueueChunk: Int { 200 }

    /// Inserts the executions whose id is not stored yet; returns how many it inserted. One transaction, a few
    /// hundred rows per statement: most candidates are logged as sampled out, so this runs at ingestion's rate.
    public func enqueueExecutions(_ executions: [EvaluationExecution]) async throws -> Int {
        guard !executions.isEmpty else { return 0 }
        let table = EvaluationExecutionTable.self
        return try await write { fetcher in
            try fetcher.connection.atomically {
                var inserted = 0
                var start = 0
                while start < executions.count {
                    let chunk = executions[start..<min(executions.count, start + Self.enqueueChunk)]
                    let rows = Array(repeating: "(\(table.placeholders))", count: chunk.count).joined(separator: ", ")
                    let values = try chunk.flatMap { try table.values($0, json: fetcher.json) }
                    inserted += try fetcher.connection.run("INSERT INTO \(table.table) (\(table.selectList)) VALUES \(rows) ON CONFLICT (project_id, id) DO NOTHING",
                                                           values)
                    start += chunk.count
                }
                return inserted
            }
        }
    }

    /// Leases up to `limit` due jobs to the caller; PostgreSQL skips rows another server is claiming.
    public func claimExecutions(limit: Int, now: Date, leaseSeconds: Double) async throws -> [EvaluationExecution] {
        let table = EvaluationExecutionTable.self
        let due = "(status IN ('pending', 'delayed') AND run_after <= ?) OR (status = 'running' AND lease_until < ?)"
        let sql = """
            UPDATE evaluation_executions SET status = 'running', lease_until = ?, attempts = attempts + 1, started_at = ?, updated_at = ?
            WHERE (project_id, id) IN (SELECT project_id, id FROM evaluation_executions WHERE \(due) ORDER BY run_after LIMIT ?\(Connection.skipLocked))
            RETURNING \(table.selectList)
            """
        let values: [SQLValue] = [.date(now.addingTimeInterval(leaseSeconds)), .date(now), .date(now), .date(now), .date(now), .int(max(1, limit))]
        let claimed = try await write { try $0.fetch(table, sql, values) }
        return claimed.sorted { ($0.runAfter, $0.id) < ($1.runAfter, $1.id) }
    }

    /// Stores the execution's new state.
    public func updateExecution(_ execution: EvaluationExecution) async throws {
        let table = EvaluationExecutionTable.self
        try await write { try $0.connection.run(table.upsert, try table.values(execution, json: $0.json)) }
    }

    /// The execution, or nil.
    public func execution(projectID: String, id: String) async throws -> EvaluationExecution? {
        try await read { try $0.row(EvaluationExecutionTable.self, projectID: projectID, id: id) }
    }

    /// A page of executions matching `query`, newest first.
    public func executions(projectID: String, query: EvaluationExecutionQuery) async throws -> Page<EvaluationExecution> {
        var filter = SQLFilter(projectID: projectID)
        if let ruleID = query.ruleID { filter.add("rule_id = ?", .text(ruleID)) }
        if let traceID = query.traceID { filter.add("trace_id = ?", .text(traceID)) }
        if let observationID = query.observationID { filter.add("observation_id = ?", .text(observationID)) }
        if let status = query.status { filter.add("status = ?", .text(status.rawValue)) }
        let matching = filter
        return try await read {
            try $0.page(EvaluationExecutionTable.self, where: matching, orderBy: "created_at DESC, id DESC", request: query.page)
        }
    }

    /// How many of the rule's executions started at or after `since` and ran to an end (completed or failed).
    public func startedExecutionCount(projectID: String, ruleID: String, since: Date) async throws -> Int {
        try await read {
            try $0.count("SELECT COUNT(*) FROM evaluation_executions WHERE project_id = ? AND rule_id = ? AND started_at >= ? "
                         + "AND status IN ('completed', 'error')",
                         [.text(projectID), .text(ruleID), .date(since)])
        }
    }
}
