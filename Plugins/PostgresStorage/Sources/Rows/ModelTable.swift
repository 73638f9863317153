import LanternPluginSDK

/// The `models` table: a project's model definitions, each stored whole as JSON.
enum ModelTable: ProjectScopedTable, WritableTable {
    static let table = "models"
    static let columns = ["project_id", "id", "definition", "created_at"]

    /// Inserts a definition, or replaces the one with the same id except its `created_at`; returns `created_at` as stored.
    static let save = """
        INSERT INTO models (project_id, id, definition, created_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (project_id, id) DO UPDATE SET definition = EXCLUDED.definition RETURNING created_at
        """

    static func values(_ model: ModelDefinition, json: JSONColumns) throws -> [PGValue] {
        [.text(model.projectID ?? ""), .text(model.id), try json.column(model, field: "model"), .date(model.createdAt)]
    }

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> ModelDefinition {
        _ = try row.text()  // project_id and id are inside the definition too
        _ = try row.text()
        return try row.json(ModelDefinition.self, json)
    }
}
