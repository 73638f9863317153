import LanternPluginSDK
import SQLStorageKit

/// Deletes traces together with their observations and scores, inside the caller's write transaction.
struct TraceDeletion: Sendable {
    let projectID: String
    let ids: [String]

    /// Deletes and returns how many of the traces existed.
    func run(on connection: PGConnection) throws -> Int {
        let scope: [SQLValue] = [.text(projectID), .textArray(ids)]
        try connection.run("DELETE FROM observations WHERE project_id = $1 AND trace_id = ANY($2::text[])", scope)
        try connection.run("DELETE FROM scores WHERE project_id = $1 AND trace_id = ANY($2::text[])", scope)
        try connection.run("DELETE FROM trace_totals WHERE project_id = $1 AND trace_id = ANY($2::text[])", scope)
        return try connection.run("DELETE FROM traces WHERE project_id = $1 AND id = ANY($2::text[])", scope)
    }
}
