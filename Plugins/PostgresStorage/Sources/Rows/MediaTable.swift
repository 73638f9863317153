import LanternPluginSDK

/// The `media` table's record columns; the `bytes` BYTEA beside them is written and read on its own.
enum MediaTable: ProjectScopedTable, WritableTable {
    static let table = "media"
    static let columns = ["project_id", "id", "content_type", "content_length", "sha256", "trace_id", "observation_id", "field",
                          "uploaded_at", "created_at"]

    /// Inserts a record, or replaces the one with the same id except its `uploaded_at` and `created_at` (and bytes);
    /// returns those two as stored.
    static var save: String {
        let kept: Set = ["project_id", "id", "uploaded_at", "created_at"]
        let updates = columns.filter { !kept.contains($0) }.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates) RETURNING uploaded_at, created_at"
    }

    static func values(_ record: MediaRecord, json: JSONColumns) throws -> [PGValue] {
        [.text(record.projectID), .text(record.id), .text(record.contentType), .int(record.contentLength), .text(record.sha256),
         .optional(record.traceID), .optional(record.observationID), .optional(record.field), .optional(record.uploadedAt),
         .date(record.createdAt)]
    }

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> MediaRecord {
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
