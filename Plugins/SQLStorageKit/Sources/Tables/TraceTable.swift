import LanternPluginSDK

/// The `traces` table.
package enum TraceTable: ProjectScopedTable {
    package static let table = "traces"
    package static let columns = ["project_id", "id", "timestamp", "name", "user_id", "session_id", "release", "version", "input", "output",
                          "metadata", "tags", "is_public", "environment", "external_id", "created_at", "updated_at"]

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Trace {
        let projectID = try row.text()
        let id = try row.text()
        let timestamp = try row.date()
        let name = row.optionalText()
        let userID = row.optionalText()
        let sessionID = row.optionalText()
        let release = row.optionalText()
        let version = row.optionalText()
        let input = try row.optionalJSON(JSONValue.self, json)
        let output = try row.optionalJSON(JSONValue.self, json)
        let metadata = try row.json([String: JSONValue].self, json)
        let tags = try row.json([String].self, json)
        let isPublic = try row.bool()
        let environment = try row.text()
        let externalID = row.optionalText()
        let createdAt = try row.date()
        let updatedAt = try row.date()

        var trace = Trace(id: id, projectID: projectID, timestamp: timestamp, environment: environment, createdAt: createdAt)
        trace.name = name
        trace.userID = userID
        trace.sessionID = sessionID
        trace.release = release
        trace.version = version
        trace.input = input
        trace.output = output
        trace.metadata = metadata
        trace.tags = tags
        trace.isPublic = isPublic
        trace.externalID = externalID
        trace.updatedAt = updatedAt
        return trace
    }
}
