import LanternPluginSDK

/// Deletes traces together with their observations, scores and derived rows, all or none.
package struct TraceDeletion: Sendable {
    let projectID: String
    let ids: [String]

    /// The deletion of the traces `ids` of `projectID`.
    package init(projectID: String, ids: [String]) {
        self.projectID = projectID
        self.ids = ids
    }

    /// Deletes and returns how many of the traces existed.
    package func run<Connection>(with fetcher: RowFetcher<Connection>) throws -> Int {
        let connection = fetcher.connection
        let scope: [SQLValue] = [.text(projectID), try fetcher.list(ids)]
        return try connection.atomically {
            try connection.run("DELETE FROM observations WHERE project_id = ? AND \(Connection.oneOf("trace_id"))", scope)
            try connection.run("DELETE FROM scores WHERE project_id = ? AND \(Connection.oneOf("trace_id"))", scope)
            for statement in Connection.traceIndexDeletions { try connection.run(statement, scope) }
            try connection.run("DELETE FROM trace_totals WHERE project_id = ? AND \(Connection.oneOf("trace_id"))", scope)
            return try connection.run("DELETE FROM traces WHERE project_id = ? AND \(Connection.oneOf("id"))", scope)
        }
    }
}
