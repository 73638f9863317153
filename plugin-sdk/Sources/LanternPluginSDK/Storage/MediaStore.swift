import Foundation

/// A media file referenced from trace input, output or metadata (`@@@langfuseMedia:…@@@`).
public struct MediaRecord: Sendable, Hashable {
    /// The client's id: the first 22 characters of base64url(SHA-256 of the bytes).
    public var id: String
    public var projectID: String
    public var contentType: String
    public var contentLength: Int
    /// Base64 SHA-256 of the bytes, as the client declared it.
    public var sha256: String
    public var traceID: String?
    public var observationID: String?
    public var field: String?
    /// Set once the bytes are stored.
    public var uploadedAt: Date?
    public var createdAt: Date

    /// Creates a record.
    public init(id: String, projectID: String, contentType: String, contentLength: Int, sha256: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.contentType = contentType
        self.contentLength = contentLength
        self.sha256 = sha256
        self.createdAt = createdAt
    }
}

/// Media records and their bytes.
///
/// Contract: records are unique per (project, id); `saveMediaRecord` keeps an existing record's `uploadedAt`.
/// `storeMediaBytes` stores the bytes and sets `uploadedAt`; `mediaBytes` returns nil until then.
public protocol MediaStore: Sendable {
    /// Creates the record, or updates the one with the same id (keeping `uploadedAt`); returns it as stored.
    func saveMediaRecord(_ record: MediaRecord) async throws -> MediaRecord
    /// The record, or nil.
    func mediaRecord(projectID: String, id: String) async throws -> MediaRecord?
    /// Stores the bytes of a recorded media file and marks it uploaded at `uploadedAt`.
    func storeMediaBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) async throws
    /// The stored bytes, or nil.
    func mediaBytes(projectID: String, id: String) async throws -> [UInt8]?
}

extension MediaStore {
    public func saveMediaRecord(_ record: MediaRecord) async throws -> MediaRecord { throw StorageError.unsupported("media") }
    public func mediaRecord(projectID: String, id: String) async throws -> MediaRecord? { throw StorageError.unsupported("media") }
    public func storeMediaBytes(projectID: String, id: String, bytes: [UInt8], uploadedAt: Date) async throws {
        throw StorageError.unsupported("media")
    }
    public func mediaBytes(projectID: String, id: String) async throws -> [UInt8]? { throw StorageError.unsupported("media") }
}
