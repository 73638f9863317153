import Foundation
import LanternPluginSDK

/// Media attachments as the Langfuse SDK uploads them: a record first, then the bytes through a signed URL.
/// Part of telemetry ingestion, so not audited one by one.
struct MediaService: Sendable {
    let kernel: KernelServices

    /// Stores the record (or finds the one already there for the same content).
    func register(_ principal: Principal, _ record: MediaRecord) async throws -> MediaRecord {
        try kernel.authorize(principal, .mediaWrite)
        var record = record
        record.projectID = principal.projectID
        let metadata: JSONValue = ["contentType": .string(record.contentType), "field": record.field.map(JSONValue.string) ?? .null]
        if let processed = try await kernel.runtime.processRecord(metadata, field: .mediaMetadata, projectID: principal.projectID)?.objectValue {
            record.contentType = processed["contentType"]?.stringValue ?? record.contentType
            record.field = processed["field"]?.stringValue ?? record.field
        }
        return try await kernel.storage().saveMediaRecord(record)
    }

    /// The client's report of its upload (`PATCH /media/{id}`): Lantern records uploads itself when the bytes arrive,
    /// so the report only has to name a media of the project.
    func acknowledgeUpload(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .mediaWrite)
        _ = try await get(principal, id: id)
    }

    func get(_ principal: Principal, id: String) async throws -> MediaRecord {
        try kernel.authorize(principal, .projectRead)
        guard let record = try await kernel.storage().mediaRecord(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Media not found")
        }
        return record
    }

    /// A media whose bytes arrived; 404 "Media not yet uploaded" before that, as Langfuse answers.
    func uploaded(_ principal: Principal, id: String) async throws -> MediaRecord {
        try kernel.authorize(principal, .projectRead)
        let record = try await get(principal, id: id)
        guard record.uploadedAt != nil else { throw APIError.notFound("Media not yet uploaded") }
        return record
    }

    /// Stores uploaded bytes when they match the declared SHA-256. `read` collects the body up to the limit it is
    /// given: the record's declared length plus a little slack, at most `cap`.
    func upload(_ principal: Principal, id: String, cap: Int, read: (Int) async throws -> [UInt8]) async throws {
        try kernel.authorize(principal, .mediaWrite)
        let record = try await get(principal, id: id)
        let bytes = try await read(min(cap, record.contentLength + 1024))
        guard Digests.sha256Base64(bytes) == record.sha256 else {
            throw APIError.badRequest("uploaded bytes do not match the declared sha256Hash")
        }
        try await kernel.storage().storeMediaBytes(projectID: principal.projectID, id: id, bytes: bytes, uploadedAt: Date())
    }

    func download(_ principal: Principal, id: String) async throws -> (record: MediaRecord, bytes: [UInt8]) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard let record = try await storage.mediaRecord(projectID: principal.projectID, id: id),
              let bytes = try await storage.mediaBytes(projectID: principal.projectID, id: id) else { throw APIError.notFound("Media not found") }
        return (record, bytes)
    }
}
