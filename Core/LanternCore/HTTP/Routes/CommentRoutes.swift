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
        group.post("/comments", use: create)
        group.get("/comments", use: list)
        group.get("/comments/:commentId", use: get)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let projectID = principal.projectID
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
        var comment = Comment(id: Identifiers.random(), projectID: projectID, objectType: type, objectID: objectID, content: content,
                              createdAt: Date())
        comment.authorUserID = author
        let stored = try await support.services.comments.create(principal, comment)
        return JSONResponse.make(.ok, ["id": .string(stored.id)])
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let reader = QueryReader(request)
        var query = CommentQuery()
        query.objectType = try reader.oneOf("objectType", Comment.ObjectType.all.map(\.rawValue)).map(Comment.ObjectType.init(rawValue:))
        query.objectID = reader.string("objectId")
        query.authorUserID = reader.string("authorUserId")
        query.page = try reader.page()
        return JSONResponse.make(.ok, Presenters.page(try await support.services.comments.list(try context.principal(), query: query),
                                                      CommentPresenter.present))
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let comment = try await support.services.comments.get(try context.principal(), id: try support.parameter("commentId", context))
        return JSONResponse.make(.ok, CommentPresenter.present(comment))
    }
}

/// The public API's `Comment` object.
enum CommentPresenter {
    /// `Comment`.
    static func present(_ comment: Comment) -> JSONValue {
        [
            "id": .string(comment.id), "projectId": .string(comment.projectID), "objectType": .string(comment.objectType.rawValue),
            "objectId": .string(comment.objectID), "content": .string(comment.content), "authorUserId": Presenters.string(comment.authorUserID),
            "createdAt": Presenters.date(comment.createdAt), "updatedAt": Presenters.date(comment.updatedAt),
        ]
    }
}
