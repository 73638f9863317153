import Foundation
import LanternPluginSDK
import SQLStorageKit

/// Media records and their bytes.
struct MediaCatalog {
    let fetcher: RowFetcher

    /// Creates the record, or updates the one with the same id keeping its `uploadedAt` and `createdAt`; returns it as stored.
    func save(_ record: MediaRecord) throws -> MediaRecord {
        let result = try fetcher.connection.query(MediaTable.save(keeping: ["uploaded_at", "created_at"]), try MediaTable.values(record, json: fetcher.json))
        let row = PGRow(result: result, index: 0)
        var stored = record
        stored.uploadedAt = row.double(0).map(Date.init(storedSeconds:))
        stored.createdAt = row.double(1).map(Date.init(storedSeconds:)) ?? record.createdAt
        return stored
    }

    /// Stores the bytes of a recorded file and marks it uploaded; a file without a record is left alone.
    func storeBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) throws {
        try fetcher.connection.run("UPDATE media SET bytes = $1, uploaded_at = $2 WHERE project_id = $3 AND id = $4",
                                   [.blob(bytes), .date(uploadedAt), .text(projectID), .text(id)])
    }

    /// The stored bytes, or nil when there is no record or nothing was uploaded.
    func bytes(projectID: String, id: String) throws -> [UInt8]? {
        let result = try fetcher.connection.query("SELECT bytes FROM media WHERE project_id = $1 AND id = $2",
                                                  [.text(projectID), .text(id)], binaryResult: true)
        return PGRow(result: result, index: 0).bytes(0)
    }
}
