import LanternPluginSDK

/// The `prompts` table: one row per version of a named prompt.
package enum PromptTable: ProjectScopedTable, WritableTable {
    package static let table = "prompts"
    package static let columns = ["project_id", "id", "name", "version", "kind", "prompt", "config", "labels", "tags", "commit_message",
                          "created_by", "created_at", "updated_at"]

    /// Every version of a name, newest first.
    package static var selectVersions: String { "SELECT \(selectList) FROM prompts WHERE project_id = ? AND name = ? ORDER BY version DESC" }

    package static func values(_ prompt: Prompt, json: JSONColumns) throws -> [SQLValue] {
        [.text(prompt.projectID), .text(prompt.id), .text(prompt.name), .int(prompt.version), .text(prompt.kind.rawValue),
         try json.column(prompt.prompt, field: "prompt"), try json.column(prompt.config, field: "config"),
         try json.column(prompt.labels, field: "labels"), try json.column(prompt.tags, field: "tags"), .optional(prompt.commitMessage),
         .text(prompt.createdBy), .date(prompt.createdAt), .date(prompt.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Prompt {
        let projectID = try row.text()
        let id = try row.text()
        let name = try row.text()
        let version = try row.int()
        let kind = Prompt.Kind(rawValue: try row.text())
        let body = try row.json(JSONValue.self, json)
        let config = try row.json(JSONValue.self, json)
        let labels = try row.json([String].self, json)
        let tags = try row.json([String].self, json)
        let commitMessage = row.optionalText()
        let createdBy = try row.text()
        let createdAt = try row.date()
        let updatedAt = try row.date()

        var prompt = Prompt(id: id, projectID: projectID, name: name, version: version, kind: kind, prompt: body, config: config,
                            labels: labels, tags: tags, commitMessage: commitMessage, createdBy: createdBy, createdAt: createdAt)
        prompt.updatedAt = updatedAt
        return prompt
    }
}
