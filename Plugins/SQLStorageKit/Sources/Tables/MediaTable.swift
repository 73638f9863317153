import LanternPluginSDK

/// The `media` table's record columns; the `bytes` blob beside them is written and read on its own.
package enum MediaTable: ProjectScopedTable, WritableTable {
    package static let table = "media"
    package static let columns = ["project_id", "id", "content_type", "content_length", "sha256", "trace_id", "observation_id", "field",
                          "uploaded_at", "created_at"]

    package static func values(_ record: MediaRecord, json: JSONColumns) throws -> [SQLValue] {
        [.text(record.projectID), .text(record.id), .text(record.contentType), .int(record.contentLength), .text(record.sha256),
         .optional(record.traceID), .optional(record.observationID), .optional(record.field), .optional(record.uploadedAt),
         .date(record.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> MediaRecord {
        let projectID = try row.text()
        let id = try row.text()
        let contentType = try row.text()
        let contentLength = try row.int()
        let sha256 = try row.text()
        let traceID = row.optionalText()
        let observationID = row.optionalText()
        let field = row.optionalText()
        let uploadedAt = try row.optionalDate()
        let createdAt = try row.date()

        var record = MediaRecord(id: id, projectID: projectID, contentType: contentType, contentLength: contentLength, sha256: sha256,
                                 createdAt: createdAt)
        record.traceID = traceID
        record.observationID = observationID
        record.field = field
        record.uploadedAt = uploadedAt
        return record
    }
}
