import LanternPluginSDK

extension SQLStorage {
    /// Creates the comment, or replaces the one with the same id (keeping its `createdAt`); returns it as stored.
    public func saveComment(_ comment: Comment) async throws -> Comment {
        try await write {
            try Connection.saveKeepingCreation(comment, in: CommentTable.self, projectID: comment.projectID, id: comment.id,
                                               createdAt: \.createdAt, fetcher: $0)
        }
    }

    /// The comment, or nil.
    public func comment(projectID: String, id: String) async throws -> Comment? {
        try await read { try $0.row(CommentTable.self, projectID: projectID, id: id) }
    }

    /// A page of comments matching `query`, newest first.
    public func comments(projectID: String, query: CommentQuery) async throws -> Page<Comment> {
        try await read { fetcher in
            var filter = SQLFilter(projectID: projectID)
            filter.equal("object_type", query.objectType?.rawValue)
            filter.equal("object_id", query.objectID)
            filter.equal("author_user_id", query.authorUserID)
            return try fetcher.page(CommentTable.self, where: filter, orderBy: "created_at DESC, id DESC", request: query.page)
        }
    }
}
