import Foundation
import LanternPluginSDK

/// A score as one object of the JSON row set ``BatchStatements/upsertScores`` reads.
struct ScoreRow: JSONRow {
    let id: String
    let name: String
    let dataType: String
    let value: Double?
    let stringValue: String?
    let source: String
    let traceID: String?
    let observationID: String?
    let sessionID: String?
    let datasetRunID: String?
    let comment: String?
    let metadata: [String: JSONValue]
    let configID: String?
    let queueID: String?
    let authorUserID: String?
    let environment: String
    let timestamp: Double
    let createdAt: Double
    let updatedAt: Double

    /// The row of `score`.
    init(_ score: Score) {
        id = score.id
        name = score.name
        dataType = score.dataType.rawValue
        value = score.value
        stringValue = score.stringValue
        source = score.source.rawValue
        traceID = score.traceID
        observationID = score.observationID
        sessionID = score.sessionID
        datasetRunID = score.datasetRunID
        comment = score.comment
        metadata = score.metadata
        configID = score.configID
        queueID = score.queueID
        authorUserID = score.authorUserID
        environment = score.environment
        timestamp = score.timestamp.timeIntervalSinceReferenceDate
        createdAt = score.createdAt.timeIntervalSinceReferenceDate
        updatedAt = score.updatedAt.timeIntervalSinceReferenceDate
    }

    /// The row object ``BatchStatements/upsertScores`` reads.
    var json: JSONValue {
        var row = JSONRowObject()
        row.set("id", id)
        row.set("name", name)
        row.set("data_type", dataType)
        row.set("value", value)
        row.set("string_value", stringValue)
        row.set("source", source)
        row.set("trace_id", traceID)
        row.set("observation_id", observationID)
        row.set("session_id", sessionID)
        row.set("dataset_run_id", datasetRunID)
        row.set("comment", comment)
        row.set("metadata", metadata)
        row.set("config_id", configID)
        row.set("queue_id", queueID)
        row.set("author_user_id", authorUserID)
        row.set("environment", environment)
        row.set("timestamp", timestamp)
        row.set("created_at", createdAt)
        row.set("updated_at", updatedAt)
        return row.json
    }
}
