import LanternPluginSDK
import SQLStorageKit

/// The `observations` table. `total_cost` and the usage and cost sums (`input_tokens`, `output_tokens`,
/// `total_tokens`, `input_cost`, `output_cost`) are derived at write time so that a trace's cost and every metric
/// are plain SQL aggregates.
enum ObservationTable: ProjectScopedTable, WritableTable {
    static let table = "observations"
    static let columns = ["project_id", "id", "trace_id", "type", "name", "start_time", "end_time", "completion_start_time",
                          "parent_observation_id", "level", "status_message", "version", "environment", "input", "output", "metadata",
                          "model", "model_parameters", "usage_details", "cost_details", "total_cost", "prompt_name", "prompt_version",
                          "created_at", "updated_at", "model_id", "input_tokens", "output_tokens", "total_tokens", "input_cost",
                          "output_cost"]

    static func values(_ observation: Observation, json: JSONColumns) throws -> [SQLValue] {
        [.text(observation.projectID), .text(observation.id), .text(observation.traceID), .text(observation.type.rawValue),
         .optional(observation.name), .date(observation.startTime), .optional(observation.endTime),
         .optional(observation.completionStartTime), .optional(observation.parentObservationID), .text(observation.level.rawValue),
         .optional(observation.statusMessage), .optional(observation.version), .text(observation.environment),
         try json.optionalColumn(observation.input, field: "input"), try json.optionalColumn(observation.output, field: "output"),
         try json.column(observation.metadata, field: "metadata"), .optional(observation.model),
         try json.optionalColumn(observation.modelParameters, field: "modelParameters"),
         try json.column(observation.usageDetails, field: "usageDetails"), try json.column(observation.costDetails, field: "costDetails"),
         try finiteColumn(observation.totalCost, field: "totalCost"), .optional(observation.promptName),
         .optional(observation.promptVersion), .date(observation.createdAt), .date(observation.updatedAt),
         .optional(observation.modelID), try finiteColumn(observation.usage(containing: "input"), field: "usageDetails"),
         try finiteColumn(observation.usage(containing: "output"), field: "usageDetails"),
         try finiteColumn(observation.usageDetails["total"], field: "usageDetails"),
         try finiteColumn(observation.cost(containing: "input"), field: "costDetails"),
         try finiteColumn(observation.cost(containing: "output"), field: "costDetails")]
    }

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Observation {
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
        let modelID = row.optionalText()  // the usage and cost sums after it are derived, not model fields

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
