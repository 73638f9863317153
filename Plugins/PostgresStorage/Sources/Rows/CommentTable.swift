import LanternPluginSDK

/// The `comments` table.
enum CommentTable: ProjectScopedTable, WritableTable {
    static let table = "comments"
    static let columns = ["project_id", "id", "object_type", "object_id", "content", "author_user_id", "created_at", "updated_at"]

    /// Inserts a comment, or replaces the one with the same id except its `created_at`; returns `created_at` as stored.
    static var save: String {
        let updates = columns.filter { !["project_id", "id", "created_at"].contains($0) }.map { "\($0) = EXCLUDED.\($0)" }
            .joined(separator: ", ")
        return "INSERT INTO \(table) (\(selectList)) VALUES (\(placeholders)) ON CONFLICT (project_id, id) DO UPDATE SET \(updates) RETURNING created_at"
    }

    static func values(_ comment: Comment, json: JSONColumns) throws -> [PGValue] {
        [.text(comment.projectID), .text(comment.id), .text(comment.objectType.rawValue), .text(comment.objectID),
         .text(comment.content), .optional(comment.authorUserID), .date(comment.createdAt), .date(comment.updatedAt)]
    }

    static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Comment {
        let projectID = try row.text()
        let id = try row.text()
        let objectType = Comment.ObjectType(rawValue: try row.text())
        let objectID = try row.text()
        let content = try row.text()
        let authorUserID = row.optionalText()
        let createdAt = try row.date()
        let updatedAt = try row.date()
        var comment = Comment(id: id, projectID: projectID, objectType: objectType, objectID: objectID, content: content, createdAt: createdAt)
        comment.authorUserID = authorUserID
        comment.updatedAt = updatedAt
        return comment
    }
}
