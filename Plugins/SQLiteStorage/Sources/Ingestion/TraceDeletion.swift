import LanternPluginSDK

/// Deletes traces together with their observations and scores, in one transaction on the writer.
struct TraceDeletion: Sendable {
    let projectID: String
    let ids: [String]

    /// Deletes and returns how many of the traces existed.
    func run(on connection: SQLiteConnection) throws -> Int {
        let scope: [SQLValue] = [.text(projectID), try JSONColumns().column(ids, field: "ids")]
        return try connection.transaction(.immediate) {
            try connection.run("DELETE FROM observations WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            try connection.run("DELETE FROM scores WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            try connection.run("DELETE FROM trace_tags WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            try connection.run("DELETE FROM trace_totals WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            return try connection.run("DELETE FROM traces WHERE project_id = ? AND id IN (SELECT value FROM json_each(?))", scope)
        }
    }
}
