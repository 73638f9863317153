import LanternPluginSDK

/// The `scores` table.
package enum ScoreTable: ProjectScopedTable {
    package static let table = "scores"
    package static let columns = ["project_id", "id", "name", "data_type", "value", "string_value", "source", "trace_id", "observation_id",
                          "session_id", "dataset_run_id", "comment", "metadata", "config_id", "queue_id", "author_user_id",
                          "environment", "timestamp", "created_at", "updated_at"]

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Score {
        let projectID = try row.text()
        let id = try row.text()
        let name = try row.text()
        let dataType = ScoreDataType(rawValue: try row.text())
        let value = try row.optionalDouble()
        let stringValue = row.optionalText()
        let source = ScoreSource(rawValue: try row.text())
        let traceID = row.optionalText()
        let observationID = row.optionalText()
        let sessionID = row.optionalText()
        let datasetRunID = row.optionalText()
        let comment = row.optionalText()
        let metadata = try row.json([String: JSONValue].self, json)
        let configID = row.optionalText()
        let queueID = row.optionalText()
        let authorUserID = row.optionalText()
        let environment = try row.text()
        let timestamp = try row.date()
        let createdAt = try row.date()
        let updatedAt = try row.date()

        var score = Score(id: id, projectID: projectID, name: name, dataType: dataType, value: value, stringValue: stringValue,
                          source: source, timestamp: timestamp, environment: environment, createdAt: createdAt)
        score.traceID = traceID
        score.observationID = observationID
        score.sessionID = sessionID
        score.datasetRunID = datasetRunID
        score.comment = comment
        score.metadata = metadata
        score.configID = configID
        score.queueID = queueID
        score.authorUserID = authorUserID
        score.updatedAt = updatedAt
        return score
    }
}
