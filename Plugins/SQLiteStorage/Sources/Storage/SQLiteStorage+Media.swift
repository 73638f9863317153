import Foundation
import LanternPluginSDK
import SQLStorageKit

extension SQLiteStorage {
    /// Creates the record, or updates the one with the same id (keeping `uploadedAt`); returns it as stored.
    public func saveMediaRecord(_ record: MediaRecord) async throws -> MediaRecord {
        try await write { try MediaCatalog(fetcher: $0).save(record) }
    }

    /// The record, or nil.
    public func mediaRecord(projectID: String, id: String) async throws -> MediaRecord? {
        try await read { try $0.row(MediaTable.self, projectID: projectID, id: id) }
    }

    /// Stores the bytes of a recorded media file and marks it uploaded at `uploadedAt`.
    public func storeMediaBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) async throws {
        try await write { try MediaCatalog(fetcher: $0).storeBytes(projectID: projectID, id: id, bytes: bytes, uploadedAt: uploadedAt) }
    }

    /// The stored bytes, or nil.
    public func mediaBytes(projectID: String, id: String) async throws -> [UInt8]? {
        try await read { try MediaCatalog(fetcher: $0).bytes(projectID: projectID, id: id) }
    }
}
