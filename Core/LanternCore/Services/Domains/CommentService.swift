import Foundation
import LanternPluginSDK

/// Comments on traces, observations, sessions and prompt versions; 501 when the storage does not keep them.
struct CommentService: Sendable {
    let kernel: KernelServices

    private func store() throws -> any CommentStore { try kernel.capability((any CommentStore).self, "comments") }

    /// Stores a comment on an object that exists in the caller's project (404 otherwise).
    func create(_ principal: Principal, _ draft: Comment) async throws -> Comment {
        try kernel.authorize(principal, .commentsWrite)
        let store = try store()
        guard try await exists(draft.objectType, draft.objectID, principal) else {
            throw APIError.notFound("\(draft.objectType.rawValue.capitalized) not found: \(draft.objectID)")
        }
        var comment = draft
        comment.projectID = principal.projectID
        comment.content = try await kernel.runtime.processRecord(.string(comment.content), field: .commentContent, projectID: principal.projectID)?
            .stringValue ?? comment.content
        let stored = try await store.saveComment(comment)
        kernel.audit.record(principal, "comment", stored.id, "created", after: CommentPresenter.present(stored))
        return stored
    }

    func list(_ principal: Principal, query: CommentQuery) async throws -> Page<Comment> {
        try kernel.authorize(principal, .projectRead)
        return try await store().comments(projectID: principal.projectID, query: query)
    }

    func get(_ principal: Principal, id: String) async throws -> Comment {
        try kernel.authorize(principal, .projectRead)
        guard let comment = try await store().comment(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Comment not found: \(id)")
        }
        return comment
    }

    /// Whether the commented object exists in the project (a prompt by the id of one of its versions).
    private func exists(_ type: Comment.ObjectType, _ id: String, _ principal: Principal) async throws -> Bool {
        let storage = try kernel.storage()
        let projectID = principal.projectID
        switch type {
        case .trace: return try await storage.trace(projectID: projectID, id: id) != nil
        case .observation: return try await storage.observation(projectID: projectID, id: id) != nil
        case .session: return try await storage.session(projectID: projectID, id: id) != nil
        default: return try await storage.allPromptVersions(projectID: projectID).contains { $0.id == id }
        }
    }
}
