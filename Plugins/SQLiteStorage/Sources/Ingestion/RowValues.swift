import LanternPluginSDK
import SQLStorageKit

// The rows the ingestion fast path writes with SQLite's upserts; PostgreSQL's writes them from JSON row sets.

extension TraceTable: WritableTable {
    package static func values(_ trace: Trace, json: JSONColumns) throws -> [SQLValue] {
        [.text(trace.projectID), .text(trace.id), .date(trace.timestamp), .optional(trace.name), .optional(trace.userID),
         .optional(trace.sessionID), .optional(trace.release), .optional(trace.version),
         try json.optionalColumn(trace.input, field: "input"), try json.optionalColumn(trace.output, field: "output"),
         try json.column(trace.metadata, field: "metadata"), try json.column(trace.tags, field: "tags"), .bool(trace.isPublic),
         .text(trace.environment), .optional(trace.externalID), .date(trace.createdAt), .date(trace.updatedAt)]
    }
}

extension ScoreTable: WritableTable {
    package static func values(_ score: Score, json: JSONColumns) throws -> [SQLValue] {
        [.text(score.projectID), .text(score.id), .text(score.name), .text(score.dataType.rawValue),
         try finiteColumn(score.value, field: "value"), .optional(score.stringValue), .text(score.source.rawValue),
         .optional(score.traceID), .optional(score.observationID), .optional(score.sessionID), .optional(score.datasetRunID),
         .optional(score.comment), try json.column(score.metadata, field: "metadata"), .optional(score.configID),
         .optional(score.queueID), .optional(score.authorUserID), .text(score.environment), .date(score.timestamp),
         .date(score.createdAt), .date(score.updatedAt)]
    }
}

extension SessionTable: WritableTable {
    /// Inserts a session unless one with the same id exists.
    static var insertIfMissing: String {
        "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO NOTHING"
    }

    package static func values(_ session: Session, json: JSONColumns) throws -> [SQLValue] {
        [.text(session.projectID), .text(session.id), .text(session.environment), .date(session.createdAt)]
    }
}
