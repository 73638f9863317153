import LanternPluginSDK

/// The `datasets` table; names are unique per project.
package enum DatasetTable: ProjectScopedTable, WritableTable {
    package static let table = "datasets"
    package static let columns = ["project_id", "id", "name", "description", "metadata", "input_schema", "expected_output_schema",
                          "created_at", "updated_at"]

    package static func values(_ dataset: Dataset, json: JSONColumns) throws -> [SQLValue] {
        [.text(dataset.projectID), .text(dataset.id), .text(dataset.name), .optional(dataset.description),
         try json.optionalColumn(dataset.metadata, field: "metadata"), try json.optionalColumn(dataset.inputSchema, field: "inputSchema"),
         try json.optionalColumn(dataset.expectedOutputSchema, field: "expectedOutputSchema"), .date(dataset.createdAt),
         .date(dataset.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Dataset {
        let projectID = try row.text()
        let id = try row.text()
        let name = try row.text()
        let description = row.optionalText()
        let metadata = try row.optionalJSON(JSONValue.self, json)
        let inputSchema = try row.optionalJSON(JSONValue.self, json)
        let expectedOutputSchema = try row.optionalJSON(JSONValue.self, json)
        let createdAt = try row.date()
        let updatedAt = try row.date()

        var dataset = Dataset(id: id, projectID: projectID, name: name, createdAt: createdAt)
        dataset.description = description
        dataset.metadata = metadata
        dataset.inputSchema = inputSchema
        dataset.expectedOutputSchema = expectedOutputSchema
        dataset.updatedAt = updatedAt
        return dataset
    }
}

/// The `dataset_items` table.
package enum DatasetItemTable: ProjectScopedTable, WritableTable {
    package static let table = "dataset_items"
    package static let columns = ["project_id", "id", "dataset_id", "input", "expected_output", "metadata", "source_trace_id",
                          "source_observation_id", "status", "created_at", "updated_at"]

    package static func values(_ item: DatasetItem, json: JSONColumns) throws -> [SQLValue] {
        [.text(item.projectID), .text(item.id), .text(item.datasetID), try json.optionalColumn(item.input, field: "input"),
         try json.optionalColumn(item.expectedOutput, field: "expectedOutput"), try json.optionalColumn(item.metadata, field: "metadata"),
         .optional(item.sourceTraceID), .optional(item.sourceObservationID), .text(item.status.rawValue), .date(item.createdAt),
         .date(item.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> DatasetItem {
        let projectID = try row.text()
        let id = try row.text()
        let datasetID = try row.text()
        let input = try row.optionalJSON(JSONValue.self, json)
        let expectedOutput = try row.optionalJSON(JSONValue.self, json)
        let metadata = try row.optionalJSON(JSONValue.self, json)
        let sourceTraceID = row.optionalText()
        let sourceObservationID = row.optionalText()
        let status = DatasetItem.Status(rawValue: try row.text())
        let createdAt = try row.date()
        let updatedAt = try row.date()

        var item = DatasetItem(id: id, projectID: projectID, datasetID: datasetID, status: status, createdAt: createdAt)
        item.input = input
        item.expectedOutput = expectedOutput
        item.metadata = metadata
        item.sourceTraceID = sourceTraceID
        item.sourceObservationID = sourceObservationID
        item.updatedAt = updatedAt
        return item
    }
}

/// The `dataset_runs` table; names are unique per dataset.
package enum DatasetRunTable: ProjectScopedTable, WritableTable {
    package static let table = "dataset_runs"
    package static let columns = ["project_id", "id", "dataset_id", "name", "description", "metadata", "created_at", "updated_at"]

    package static func values(_ run: DatasetRun, json: JSONColumns) throws -> [SQLValue] {
        [.text(run.projectID), .text(run.id), .text(run.datasetID), .text(run.name), .optional(run.description),
         try json.optionalColumn(run.metadata, field: "metadata"), .date(run.createdAt), .date(run.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> DatasetRun {
        let projectID = try row.text()
        let id = try row.text()
        let datasetID = try row.text()
        let name = try row.text()
        let description = row.optionalText()
        let metadata = try row.optionalJSON(JSONValue.self, json)
        let createdAt = try row.date()
        let updatedAt = try row.date()

        var run = DatasetRun(id: id, projectID: projectID, datasetID: datasetID, name: name, createdAt: createdAt)
        run.description = description
        run.metadata = metadata
        run.updatedAt = updatedAt
        return run
    }
}

/// The `dataset_run_items` table.
package enum DatasetRunItemTable: ProjectScopedTable, WritableTable {
    package static let table = "dataset_run_items"
    package static let columns = ["project_id", "id", "dataset_run_id", "dataset_item_id", "trace_id", "observation_id", "created_at"]

    package static func values(_ item: DatasetRunItem, json: JSONColumns) throws -> [SQLValue] {
        [.text(item.projectID), .text(item.id), .text(item.datasetRunID), .text(item.datasetItemID), .text(item.traceID),
         .optional(item.observationID), .date(item.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> DatasetRunItem {
        let projectID = try row.text()
        let id = try row.text()
        let runID = try row.text()
        let itemID = try row.text()
        let traceID = try row.text()
        let observationID = row.optionalText()
        let createdAt = try row.date()
        return DatasetRunItem(id: id, projectID: projectID, datasetRunID: runID, datasetItemID: itemID, traceID: traceID,
                              observationID: observationID, createdAt: createdAt)
    }
}

/// The `dataset_item_versions` table: each stored state of an item, valid from `valid_from` until `valid_to`
/// (open while current); read with the same columns as ``DatasetItemTable``.
package enum DatasetItemVersionTable: WritableTable {
    package static let table = "dataset_item_versions"
    package static let columns = DatasetItemTable.columns

    package static func values(_ item: DatasetItem, json: JSONColumns) throws -> [SQLValue] { try DatasetItemTable.values(item, json: json) }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> DatasetItem { try DatasetItemTable.decode(&row, json: json) }

    /// Closes the item's open version at `time`; binds time, project id, id.
    package static let close = "UPDATE dataset_item_versions SET valid_to = ? WHERE project_id = ? AND id = ? AND valid_to IS NULL"
    /// Opens a version: the item's columns then `valid_from`.
    package static let open = "INSERT INTO dataset_item_versions (\(selectList), valid_from) VALUES (\(placeholders), ?)"
}
