import LanternPluginSDK

/// Column lists and row mapping for traces, observations, scores and sessions.
enum TraceRows {
    static let traceColumns = "project_id, id, timestamp, name, user_id, session_id, release, version, input, output, metadata, tags, public, environment, external_id, created_at, updated_at"

    static func values(_ t: Trace) -> [SQLValue] {
        [.text(t.projectID), .text(t.id), SQLiteCoding.date(t.timestamp), SQLiteCoding.text(t.name), SQLiteCoding.text(t.userID),
         SQLiteCoding.text(t.sessionID), SQLiteCoding.text(t.release), SQLiteCoding.text(t.version), SQLiteCoding.json(t.input),
         SQLiteCoding.json(t.output), SQLiteCoding.json(t.metadata), SQLiteCoding.json(t.tags), .integer(t.isPublic ? 1 : 0),
         .text(t.environment), SQLiteCoding.text(t.externalID), SQLiteCoding.date(t.createdAt), SQLiteCoding.date(t.updatedAt)]
    }

    static func trace(_ row: Row) -> Trace? {
        guard let projectID = row.text(0), let id = row.text(1), let timestamp = SQLiteCoding.date(row.integer(2)),
              let createdAt = SQLiteCoding.date(row.integer(15)) else { return nil }
        var t = Trace(id: id, projectID: projectID, timestamp: timestamp, environment: row.text(13) ?? "default", createdAt: createdAt)
        t.name = row.text(3)
        t.userID = row.text(4)
        t.sessionID = row.text(5)
        t.release = row.text(6)
        t.version = row.text(7)
        t.input = SQLiteCoding.decode(JSONValue.self, row.text(8))
        t.output = SQLiteCoding.decode(JSONValue.self, row.text(9))
        t.metadata = SQLiteCoding.decode([String: JSONValue].self, row.text(10)) ?? [:]
        t.tags = SQLiteCoding.decode([String].self, row.text(11)) ?? []
        t.isPublic = row.integer(12) == 1
        t.externalID = row.text(14)
        t.updatedAt = SQLiteCoding.date(row.integer(16)) ?? createdAt
        return t
    }

    static let observationColumns = "project_id, id, trace_id, type, name, start_time, end_time, completion_start_time, parent_observation_id, level, status_message, version, environment, input, output, metadata, model, model_parameters, usage_details, cost_details, total_cost, prompt_name, prompt_version, created_at, updated_at"

    static func values(_ o: Observation) -> [SQLValue] {
        [.text(o.projectID), .text(o.id), .text(o.traceID), .text(o.type.rawValue), SQLiteCoding.text(o.name),
         SQLiteCoding.date(o.startTime), SQLiteCoding.date(o.endTime), SQLiteCoding.date(o.completionStartTime),
         SQLiteCoding.text(o.parentObservationID), .text(o.level.rawValue), SQLiteCoding.text(o.statusMessage),
         SQLiteCoding.text(o.version), .text(o.environment), SQLiteCoding.json(o.input), SQLiteCoding.json(o.output),
         SQLiteCoding.json(o.metadata), SQLiteCoding.text(o.model), SQLiteCoding.json(o.modelParameters),
         SQLiteCoding.json(o.usageDetails), SQLiteCoding.json(o.costDetails), SQLiteCoding.real(o.totalCost),
         SQLiteCoding.text(o.promptName), SQLiteCoding.integer(o.promptVersion), SQLiteCoding.date(o.createdAt), SQLiteCoding.date(o.updatedAt)]
    }

    static func observation(_ row: Row) -> Observation? {
        guard let projectID = row.text(0), let id = row.text(1), let traceID = row.text(2), let type = row.text(3),
              let start = SQLiteCoding.date(row.integer(5)), let createdAt = SQLiteCoding.date(row.integer(23)) else { return nil }
        var o = Observation(id: id, traceID: traceID, projectID: projectID, type: ObservationType(rawValue: type), startTime: start,
                            environment: row.text(12) ?? "default", createdAt: createdAt)
        o.name = row.text(4)
        o.endTime = SQLiteCoding.date(row.integer(6))
        o.completionStartTime = SQLiteCoding.date(row.integer(7))
        o.parentObservationID = row.text(8)
        o.level = ObservationLevel(rawValue: row.text(9) ?? "DEFAULT")
        o.statusMessage = row.text(10)
        o.version = row.text(11)
        o.input = SQLiteCoding.decode(JSONValue.self, row.text(13))
        o.output = SQLiteCoding.decode(JSONValue.self, row.text(14))
        o.metadata = SQLiteCoding.decode([String: JSONValue].self, row.text(15)) ?? [:]
        o.model = row.text(16)
        o.modelParameters = SQLiteCoding.decode([String: JSONValue].self, row.text(17))
        o.usageDetails = SQLiteCoding.decode([String: Double].self, row.text(18)) ?? [:]
        o.costDetails = SQLiteCoding.decode([String: Double].self, row.text(19)) ?? [:]
        o.promptName = row.text(21)
        o.promptVersion = row.integer(22).map { Int($0) }
        o.updatedAt = SQLiteCoding.date(row.integer(24)) ?? createdAt
        return o
    }

    static let scoreColumns = "project_id, id, name, data_type, value, string_value, source, trace_id, observation_id, session_id, dataset_run_id, comment, metadata, config_id, queue_id, author_user_id, environment, timestamp, created_at, updated_at"

    static func values(_ s: Score) -> [SQLValue] {
        [.text(s.projectID), .text(s.id), .text(s.name), .text(s.dataType.rawValue), SQLiteCoding.real(s.value),
         SQLiteCoding.text(s.stringValue), .text(s.source.rawValue), SQLiteCoding.text(s.traceID), SQLiteCoding.text(s.observationID),
         SQLiteCoding.text(s.sessionID), SQLiteCoding.text(s.datasetRunID), SQLiteCoding.text(s.comment), SQLiteCoding.json(s.metadata),
         SQLiteCoding.text(s.configID), SQLiteCoding.text(s.queueID), SQLiteCoding.text(s.authorUserID), .text(s.environment),
         SQLiteCoding.date(s.timestamp), SQLiteCoding.date(s.createdAt), SQLiteCoding.date(s.updatedAt)]
    }

    static func score(_ row: Row) -> Score? {
        guard let projectID = row.text(0), let id = row.text(1), let name = row.text(2), let type = row.text(3), let source = row.text(6),
              let timestamp = SQLiteCoding.date(row.integer(17)), let createdAt = SQLiteCoding.date(row.integer(18)) else { return nil }
        var s = Score(id: id, projectID: projectID, name: name, dataType: ScoreDataType(rawValue: type), value: row.real(4),
                      stringValue: row.text(5), source: ScoreSource(rawValue: source), timestamp: timestamp,
                      environment: row.text(16) ?? "default", createdAt: createdAt)
        s.traceID = row.text(7)
        s.observationID = row.text(8)
        s.sessionID = row.text(9)
        s.datasetRunID = row.text(10)
        s.comment = row.text(11)
        s.metadata = SQLiteCoding.decode([String: JSONValue].self, row.text(12)) ?? [:]
        s.configID = row.text(13)
        s.queueID = row.text(14)
        s.authorUserID = row.text(15)
        s.updatedAt = SQLiteCoding.date(row.integer(19)) ?? createdAt
        return s
    }

    static func session(_ row: Row) -> Session? {
        guard let projectID = row.text(0), let id = row.text(1), let environment = row.text(2),
              let createdAt = SQLiteCoding.date(row.integer(3)) else { return nil }
        return Session(id: id, projectID: projectID, environment: environment, createdAt: createdAt)
    }

    /// `INSERT … ON CONFLICT (project_id, id) DO UPDATE SET <every other column> = excluded.<column>`.
    static func upsert(_ table: String, _ columns: String) -> String {
        let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
        let updates = names.filter { $0 != "project_id" && $0 != "id" }.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return "INSERT INTO \(table) (\(columns)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates)"
    }
}
