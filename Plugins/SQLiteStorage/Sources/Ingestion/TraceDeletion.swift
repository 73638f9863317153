import LanternPluginSDK
import SQLStorageKit

/// Deletes traces together with their observations and scores, in one transaction on the writer.
struct TraceDeletion: Sendable {
    let projectID: String
    let ids: [String]

    /// Deletes and returns how many of the traces existed.
    func run(on connection: SQLiteConnection) throws -> Int {
        let scope: [SQLValue] = [.text(projectID), try JSONColumns(refusingNUL: false).column(ids, field: "ids")]
        return try connection.transaction(.immediate) {
            try connection.run("DELETE FROM observations WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            try connection.run("DELETE FROM scores WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            // By the tag index's primary key (project, tag, trace), with the tags read from the traces themselves.
            try connection.run("""
                DELETE FROM trace_tags WHERE project_id = ?1 AND (tag, trace_id) IN (
                    SELECT tags.value, traces.id FROM traces, json_each(traces.tags) AS tags
                    WHERE traces.project_id = ?1 AND traces.id IN (SELECT value FROM json_each(?2)))
                """, scope)
            try connection.run("DELETE FROM trace_totals WHERE project_id = ? AND trace_id IN (SELECT value FROM json_each(?))", scope)
            return try connection.run("DELETE FROM traces WHERE project_id = ? AND id IN (SELECT value FROM json_each(?))", scope)
        }
    }
}
