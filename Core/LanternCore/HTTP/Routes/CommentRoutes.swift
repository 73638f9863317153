import Foundation
import Hummingbird
import LanternPluginSDK

/// `POST/GET /api/public/comments` and `GET /api/public/comments/{commentId}`: comments on traces, observations,
/// sessions and prompt versions (contract §10). 501 when the storage plugin does not serve comments.
struct CommentRoutes {
    /// The longest comment Langfuse accepts.
    static let maxContentLength = 5000
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/comments") { request, context in
            let projectID = try context.requireProject()
            let store = try comments()
            guard case .object(let object) = try await JSONResponse.body(of: request, limit: maxBodyBytes) else {
                throw APIError.badRequest("body: must be a JSON object")
            }
            var reader = BodyReader(object)
            let givenProject = reader.string("projectId")
            let typeText = reader.string("objectType")
            let objectID = reader.string("objectId")
            let content = reader.string("content")
            let author = reader.string("authorUserId")
            if let problem = reader.problem { throw APIError.badRequest(problem) }
            if let givenProject, givenProject != projectID {
                throw APIError.badRequest("projectId: must be the project of the API key (\(projectID))")
            }
            guard let typeText, let type = Comment.ObjectType.all.first(where: { $0.rawValue == typeText.uppercased() }) else {
                throw APIError.badRequest("objectType: must be one of \(Comment.ObjectType.all.map(\.rawValue).joined(separator: ", "))")
            }
            guard let objectID, !objectID.isEmpty else { throw APIError.badRequest("objectId: is required") }
            guard let content, !content.isEmpty, content.count <= Self.maxContentLength else {
                throw APIError.badRequest("content: must be 1 to \(Self.maxContentLength) characters")
            }
            guard try await exists(type, objectID, projectID: projectID) else {
                throw APIError.notFound("\(type.rawValue.capitalized) not found: \(objectID)")
            }
            var comment = Comment(id: Identifiers.random(), projectID: projectID, objectType: type, objectID: objectID, content: content,
                                  createdAt: Date())
            comment.authorUserID = author
            let stored = try await store.saveComment(comment)
            return JSONResponse.make(.ok, ["id": .string(stored.id)])
        }
        group.get("/comments") { request, context in
            let projectID = try context.requireProject()
            let reader = QueryReader(request)
            var query = CommentQuery()
            query.objectType = try reader.oneOf("objectType", Comment.ObjectType.all.map(\.rawValue)).map(Comment.ObjectType.init(rawValue:))
            query.objectID = reader.string("objectId")
            query.authorUserID = reader.string("authorUserId")
            query.page = try reader.page()
            return JSONResponse.make(.ok, Presenters.page(try await comments().comments(projectID: projectID, query: query), Self.present))
        }
        group.get("/comments/:commentId") { _, context in
            let projectID = try context.requireProject()
            let id = try support.parameter("commentId", context)
            guard let comment = try await comments().comment(projectID: projectID, id: id) else {
                throw APIError.notFound("Comment not found: \(id)")
            }
            return JSONResponse.make(.ok, Self.present(comment))
        }
    }

    private func comments() throws -> any CommentStore {
        guard let store = try support.storage() as? any CommentStore else {
            throw APIError.notImplemented("The storage plugin does not support comments")
        }
        return store
    }

    /// Whether the commented object exists in the project (a prompt by the id of one of its versions).
    private func exists(_ type: Comment.ObjectType, _ id: String, projectID: String) async throws -> Bool {
        let storage = try support.storage()
        switch type {
        case .trace: return try await storage.trace(projectID: projectID, id: id) != nil
        case .observation: return try await storage.observation(projectID: projectID, id: id) != nil
        case .session: return try await storage.session(projectID: projectID, id: id) != nil
        default: return try await storage.allPromptVersions(projectID: projectID).contains { $0.id == id }
        }
    }

    /// `Comment`.
    static func present(_ comment: Comment) -> JSONValue {
        [
            "id": .string(comment.id), "projectId": .string(comment.projectID), "objectType": .string(comment.objectType.rawValue),
            "objectId": .string(comment.objectID), "content": .string(comment.content), "authorUserId": Presenters.string(comment.authorUserID),
            "createdAt": Presenters.date(comment.createdAt), "updatedAt": Presenters.date(comment.updatedAt),
        ]
    }
}
