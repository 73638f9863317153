import LanternPluginSDK

/// The `comments` table.
package enum CommentTable: ProjectScopedTable, WritableTable {
    package static let table = "comments"
    package static let columns = ["project_id", "id", "object_type", "object_id", "content", "author_user_id", "created_at", "updated_at"]

    package static func values(_ comment: Comment, json: JSONColumns) throws -> [SQLValue] {
        [.text(comment.projectID), .text(comment.id), .text(comment.objectType.rawValue), .text(comment.objectID),
         .text(comment.content), .optional(comment.authorUserID), .date(comment.createdAt), .date(comment.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Comment {
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
