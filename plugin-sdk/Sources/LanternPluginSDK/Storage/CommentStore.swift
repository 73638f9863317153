/// Comments. An optional capability: a storage that serves them conforms to this protocol as well as
/// ``StorageBackend``; the kernel discovers it with a cast and answers 501 when it is missing.
///
/// Contract: comments are unique per (project, id); `saveComment` creates or replaces one by id, keeping the
/// `createdAt` of an existing one; lists are newest first (`createdAt`, then id, descending).
public protocol CommentStore: Sendable {
    /// Creates the comment, or replaces the one with the same id (keeping its `createdAt`); returns it as stored.
    func saveComment(_ comment: Comment) async throws -> Comment
    /// The comment, or nil.
    func comment(projectID: String, id: String) async throws -> Comment?
    /// A page of comments matching every filter of `query`, newest first.
    func comments(projectID: String, query: CommentQuery) async throws -> Page<Comment>
}
