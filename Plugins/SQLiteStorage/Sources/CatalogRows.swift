import LanternPluginSDK

/// Column lists and row mapping for prompts, datasets, dataset items, runs, run items and media.
enum CatalogRows {
    static let promptColumns = "project_id, id, name, version, kind, prompt, config, labels, tags, commit_message, created_by, created_at, updated_at"

    static func values(_ p: Prompt) -> [SQLValue] {
        [.text(p.projectID), .text(p.id), .text(p.name), .integer(Int64(p.version)), .text(p.kind.rawValue), SQLiteCoding.json(p.prompt),
         SQLiteCoding.json(p.config), SQLiteCoding.json(p.labels), SQLiteCoding.json(p.tags), SQLiteCoding.text(p.commitMessage),
         .text(p.createdBy), SQLiteCoding.date(p.createdAt), SQLiteCoding.date(p.updatedAt)]
    }

    static func prompt(_ row: Row) -> Prompt? {
        guard let projectID = row.text(0), let id = row.text(1), let name = row.text(2), let version = row.integer(3), let kind = row.text(4),
              let body = SQLiteCoding.decode(JSONValue.self, row.text(5)), let created = SQLiteCoding.date(row.integer(11)) else { return nil }
        var p = Prompt(id: id, projectID: projectID, name: name, version: Int(version), kind: Prompt.Kind(rawValue: kind), prompt: body,
                       config: SQLiteCoding.decode(JSONValue.self, row.text(6)) ?? .object([:]),
                       labels: SQLiteCoding.decode([String].self, row.text(7)) ?? [], tags: SQLiteCoding.decode([String].self, row.text(8)) ?? [],
                       commitMessage: row.text(9), createdBy: row.text(10) ?? "API", createdAt: created)
        p.updatedAt = SQLiteCoding.date(row.integer(12)) ?? created
        return p
    }

    static let datasetColumns = "project_id, id, name, description, metadata, input_schema, expected_output_schema, created_at, updated_at"

    static func values(_ d: Dataset) -> [SQLValue] {
        [.text(d.projectID), .text(d.id), .text(d.name), SQLiteCoding.text(d.description), SQLiteCoding.json(d.metadata),
         SQLiteCoding.json(d.inputSchema), SQLiteCoding.json(d.expectedOutputSchema), SQLiteCoding.date(d.createdAt), SQLiteCoding.date(d.updatedAt)]
    }

    static func dataset(_ row: Row) -> Dataset? {
        guard let projectID = row.text(0), let id = row.text(1), let name = row.text(2), let created = SQLiteCoding.date(row.integer(7)) else { return nil }
        var d = Dataset(id: id, projectID: projectID, name: name, createdAt: created)
        d.description = row.text(3)
        d.metadata = SQLiteCoding.decode(JSONValue.self, row.text(4))
        d.inputSchema = SQLiteCoding.decode(JSONValue.self, row.text(5))
        d.expectedOutputSchema = SQLiteCoding.decode(JSONValue.self, row.text(6))
        d.updatedAt = SQLiteCoding.date(row.integer(8)) ?? created
        return d
    }

    static let itemColumns = "project_id, id, dataset_id, input, expected_output, metadata, source_trace_id, source_observation_id, status, created_at, updated_at"

    static func values(_ i: DatasetItem) -> [SQLValue] {
        [.text(i.projectID), .text(i.id), .text(i.datasetID), SQLiteCoding.json(i.input), SQLiteCoding.json(i.expectedOutput),
         SQLiteCoding.json(i.metadata), SQLiteCoding.text(i.sourceTraceID), SQLiteCoding.text(i.sourceObservationID), .text(i.status.rawValue),
         SQLiteCoding.date(i.createdAt), SQLiteCoding.date(i.updatedAt)]
    }

    static func item(_ row: Row) -> DatasetItem? {
        guard let projectID = row.text(0), let id = row.text(1), let datasetID = row.text(2), let created = SQLiteCoding.date(row.integer(9)) else { return nil }
        var i = DatasetItem(id: id, projectID: projectID, datasetID: datasetID, status: DatasetItem.Status(rawValue: row.text(8) ?? "ACTIVE"), createdAt: created)
        i.input = SQLiteCoding.decode(JSONValue.self, row.text(3))
        i.expectedOutput = SQLiteCoding.decode(JSONValue.self, row.text(4))
        i.metadata = SQLiteCoding.decode(JSONValue.self, row.text(5))
        i.sourceTraceID = row.text(6)
        i.sourceObservationID = row.text(7)
        i.updatedAt = SQLiteCoding.date(row.integer(10)) ?? created
        return i
    }

    static let runColumns = "project_id, id, dataset_id, name, description, metadata, created_at, updated_at"

    static func run(_ row: Row) -> DatasetRun? {
        guard let projectID = row.text(0), let id = row.text(1), let datasetID = row.text(2), let name = row.text(3),
              let created = SQLiteCoding.date(row.integer(6)) else { return nil }
        var r = DatasetRun(id: id, projectID: projectID, datasetID: datasetID, name: name, createdAt: created)
        r.description = row.text(4)
        r.metadata = SQLiteCoding.decode(JSONValue.self, row.text(5))
        r.updatedAt = SQLiteCoding.date(row.integer(7)) ?? created
        return r
    }

    static let runItemColumns = "project_id, id, dataset_run_id, dataset_item_id, trace_id, observation_id, created_at"

    static func runItem(_ row: Row) -> DatasetRunItem? {
        guard let projectID = row.text(0), let id = row.text(1), let runID = row.text(2), let itemID = row.text(3), let traceID = row.text(4),
              let created = SQLiteCoding.date(row.integer(6)) else { return nil }
        return DatasetRunItem(id: id, projectID: projectID, datasetRunID: runID, datasetItemID: itemID, traceID: traceID,
                              observationID: row.text(5), createdAt: created)
    }

    static let mediaColumns = "project_id, id, content_type, content_length, sha256, trace_id, observation_id, field, uploaded_at, created_at"

    static func media(_ row: Row) -> MediaRecord? {
        guard let projectID = row.text(0), let id = row.text(1), let type = row.text(2), let length = row.integer(3), let sha = row.text(4),
              let created = SQLiteCoding.date(row.integer(9)) else { return nil }
        var m = MediaRecord(id: id, projectID: projectID, contentType: type, contentLength: Int(length), sha256: sha, createdAt: created)
        m.traceID = row.text(5)
        m.observationID = row.text(6)
        m.field = row.text(7)
        m.uploadedAt = SQLiteCoding.date(row.integer(8))
        return m
    }
}
