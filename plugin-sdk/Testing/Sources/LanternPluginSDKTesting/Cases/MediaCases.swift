import Foundation
import LanternPluginSDK

/// MediaStore: records and bytes.
enum MediaCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("media: record, bytes after upload, upload time kept by a later save", needs: .media) { c in
            var record = MediaRecord(id: "abcdefghijklmnopqrstuv", projectID: c.projectID, contentType: "image/png", contentLength: 4,
                                     sha256: "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", createdAt: c.at(0))
            record.traceID = "trace-1"
            record.field = "input"
            let saved = try await c.storage.saveMediaRecord(record)
            c.expect(saved.uploadedAt == nil, "not uploaded yet")
            c.expect(try await c.storage.mediaBytes(projectID: c.projectID, id: record.id) == nil, "no bytes before the upload")
            let bytes: [UInt8] = [0x89, 0x50, 0x00, 0xFF]
            try await c.storage.storeMediaBytes(projectID: c.projectID, id: record.id, bytes: bytes, uploadedAt: c.at(5))
            c.expectEqual(try await c.storage.mediaBytes(projectID: c.projectID, id: record.id), bytes, "bytes (binary, with NUL)")
            let read = try c.require(try await c.storage.mediaRecord(projectID: c.projectID, id: record.id), "record")
            c.expectEqual(read.uploadedAt, c.at(5), "uploadedAt")
            c.expectEqual(read.contentType, "image/png", "contentType")
            c.expectEqual(read.traceID, "trace-1", "traceID")
            c.expectEqual(read.field, "input", "field")
            let resaved = try await c.storage.saveMediaRecord(record)
            c.expectEqual(resaved.uploadedAt, c.at(5), "a later save keeps uploadedAt")
            c.expect(try await c.storage.mediaRecord(projectID: c.otherProjectID, id: record.id) == nil, "another project does not see it")
        },
    ]
}
