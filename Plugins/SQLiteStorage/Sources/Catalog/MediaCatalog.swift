import Foundation
import LanternPluginSDK
import SQLStorageKit

/// Media records and their bytes on one connection.
struct MediaCatalog {
    let fetcher: RowFetcher

    /// Creates the record, or updates the one with the same id keeping its `uploadedAt` and `createdAt`; returns it as stored.
    func save(_ record: MediaRecord) throws -> MediaRecord {
        let connection = fetcher.connection
        return try connection.transaction(.immediate) {
            var stored = record
            if let existing = try fetcher.row(MediaTable.self, projectID: record.projectID, id: record.id) {
                stored.uploadedAt = existing.uploadedAt
                stored.createdAt = existing.createdAt
            }
            try connection.run(MediaTable.upsert, try MediaTable.values(stored, json: fetcher.json))
            return stored
        }
    }

    /// Stores the bytes of a recorded file and marks it uploaded; a file without a record is left alone.
    func storeBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) throws {
        try fetcher.connection.run("UPDATE media SET bytes = ?, uploaded_at = ? WHERE project_id = ? AND id = ?",
                                   [.blob(bytes), .date(uploadedAt), .text(projectID), .text(id)])
    }

    /// The stored bytes, or nil when there is no record or nothing was uploaded.
    func bytes(projectID: String, id: String) throws -> [UInt8]? {
        try fetcher.connection.query("SELECT bytes FROM media WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) {
            $0.blob(0)
        }.first
    }
}
