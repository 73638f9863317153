import Foundation
import LanternPluginSDK

/// A score as one object of the JSON row set ``BatchStatements/upsertScores`` reads.
struct ScoreRow: Encodable {
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

    enum CodingKeys: String, CodingKey {
        case id, name, value, source, comment, metadata, environment, timestamp
        case dataType = "data_type", stringValue = "string_value", traceID = "trace_id", observationID = "observation_id"
        case sessionID = "session_id", datasetRunID = "dataset_run_id", configID = "config_id", queueID = "queue_id"
        case authorUserID = "author_user_id", createdAt = "created_at", updatedAt = "updated_at"
    }

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
}
