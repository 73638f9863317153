import LanternPluginSDK
import SQLStorageKit

/// The `observations` table as SQLite's ingestion writes it: the columns read (``ObservationTable``), then the usage
/// and cost sums (`input_tokens`, `output_tokens`, `total_tokens`, `input_cost`, `output_cost`) derived at write time
/// so that every metric is a plain SQL aggregate.
enum ObservationWriteTable: ProjectScopedTable, WritableTable {
    static let table = ObservationTable.table
    static let columns = ObservationTable.columns + ["input_tokens", "output_tokens", "total_tokens", "input_cost", "output_cost"]

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

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Observation { try ObservationTable.decode(&row, json: json) }
}
