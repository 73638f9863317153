import LanternPluginSDK

/// The `score_configs` table.
package enum ScoreConfigTable: ProjectScopedTable, WritableTable {
    package static let table = "score_configs"
    package static let columns = ["project_id", "id", "name", "data_type", "is_archived", "min_value", "max_value", "categories", "description",
                          "created_at", "updated_at"]

    package static func values(_ config: ScoreConfig, json: JSONColumns) throws -> [SQLValue] {
        [.text(config.projectID), .text(config.id), .text(config.name), .text(config.dataType.rawValue), .bool(config.isArchived),
         try finiteColumn(config.minValue, field: "minValue"), try finiteColumn(config.maxValue, field: "maxValue"),
         try json.optionalColumn(config.categories, field: "categories"), .optional(config.description),
         .date(config.createdAt), .date(config.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> ScoreConfig {
        let projectID = try row.text()
        let id = try row.text()
        let name = try row.text()
        let dataType = ScoreDataType(rawValue: try row.text())
        let isArchived = try row.bool()
        let minValue = try row.optionalDouble()
        let maxValue = try row.optionalDouble()
        let categories = try row.optionalJSON([ScoreConfig.Category].self, json)
        let description = row.optionalText()
        let createdAt = try row.date()
        let updatedAt = try row.date()
        var config = ScoreConfig(id: id, projectID: projectID, name: name, dataType: dataType, createdAt: createdAt)
        config.isArchived = isArchived
        config.minValue = minValue
        config.maxValue = maxValue
        config.categories = categories
        config.description = description
        config.updatedAt = updatedAt
        return config
    }
}
