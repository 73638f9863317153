import LanternPluginSDK

/// The `observations` table as read. `total_cost` is derived at write time (``Observation/totalCost``) so that a
/// trace's cost is one SQL aggregate; it is not a model field.
package enum ObservationTable: ProjectScopedTable {
    package static let table = "observations"
    package static let columns = ["project_id", "id", "trace_id", "type", "name", "start_time", "end_time", "completion_start_time",
                          "parent_observation_id", "level", "status_message", "version", "environment", "input", "output", "metadata",
                          "model", "model_parameters", "usage_details", "cost_details", "total_cost", "prompt_name", "prompt_version",
                          "created_at", "updated_at", "model_id"]

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Observation {
        let projectID = try row.text()
        let id = try row.text()
        let traceID = try row.text()
        let type = ObservationType(rawValue: try row.text())
        let name = row.optionalText()
        let startTime = try row.date()
        let endTime = try row.optionalDate()
        let completionStartTime = try row.optionalDate()
        let parentObservationID = row.optionalText()
        let level = ObservationLevel(rawValue: try row.text())
        let statusMessage = row.optionalText()
        let version = row.optionalText()
        let environment = try row.text()
        let input = try row.optionalJSON(JSONValue.self, json)
        let output = try row.optionalJSON(JSONValue.self, json)
        let metadata = try row.json([String: JSONValue].self, json)
        let model = row.optionalText()
        let modelParameters = try row.optionalJSON([String: JSONValue].self, json)
        let usageDetails = try row.json([String: Double].self, json)
        let costDetails = try row.json([String: Double].self, json)
        _ = try row.optionalDouble()  // total_cost: derived from costDetails, not a model field
        let promptName = row.optionalText()
        let promptVersion = try row.optionalInt()
        let createdAt = try row.date()
        let updatedAt = try row.date()
        let modelID = row.optionalText()

        var observation = Observation(id: id, traceID: traceID, projectID: projectID, type: type, startTime: startTime,
                                      environment: environment, createdAt: createdAt)
        observation.name = name
        observation.endTime = endTime
        observation.completionStartTime = completionStartTime
        observation.parentObservationID = parentObservationID
        observation.level = level
        observation.statusMessage = statusMessage
        observation.version = version
        observation.input = input
        observation.output = output
        observation.metadata = metadata
        observation.model = model
        observation.modelParameters = modelParameters
        observation.usageDetails = usageDetails
        observation.costDetails = costDetails
        observation.modelID = modelID
        observation.promptName = promptName
        observation.promptVersion = promptVersion
        observation.updatedAt = updatedAt
        return observation
    }
}
