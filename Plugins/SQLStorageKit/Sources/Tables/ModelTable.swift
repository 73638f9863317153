import LanternPluginSDK

/// The `models` table: a project's model definitions, each stored whole as JSON.
package enum ModelTable: ProjectScopedTable, WritableTable {
    package static let table = "models"
    package static let columns = ["project_id", "id", "definition", "created_at"]

    package static func values(_ model: ModelDefinition, json: JSONColumns) throws -> [SQLValue] {
        [.text(model.projectID ?? ""), .text(model.id), try json.column(model, field: "model"), .date(model.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> ModelDefinition {
        _ = try row.text()  // project_id and id are inside the definition too
        _ = try row.text()
        return try row.json(ModelDefinition.self, json)
    }
}
