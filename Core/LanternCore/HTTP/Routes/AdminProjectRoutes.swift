import Foundation
import Hummingbird
import LanternPluginSDK

/// The admin API's project operations (organization-scoped keys or signed-in members): `POST /projects`,
/// `PUT`/`DELETE /projects/{projectId}`, the project's `apiKeys` and `memberships`.
struct AdminProjectRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/projects", use: create)
        group.put("/projects/:projectId", use: update)
        group.delete("/projects/:projectId", use: delete)
        group.get("/projects/:projectId/apiKeys", use: listKeys)
        group.post("/projects/:projectId/apiKeys", use: createKey)
        group.delete("/projects/:projectId/apiKeys/:apiKeyId", use: deleteKey)
        group.get("/projects/:projectId/memberships", use: listMembers)
        group.put("/projects/:projectId/memberships", use: setMember)
        group.delete("/projects/:projectId/memberships", use: removeMember)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let fields = try await AdminBody.project(request, limit: maxBodyBytes)
        let organizations = support.services.organizations
        let project = try await organizations.createProject(caller, name: fields.name, metadata: fields.metadata ?? [:], retentionDays: fields.retention)
        return JSONResponse.make(.ok, IdentityPresenter.project(project, organization: try await organizations.organization(caller)))
    }

    @Sendable func update(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let fields = try await AdminBody.project(request, limit: maxBodyBytes)
        let organizations = support.services.organizations
        let project = try await organizations.updateProject(caller, id: try support.parameter("projectId", context), name: fields.name,
                                                            metadata: fields.metadata, retentionDays: fields.retention)
        return JSONResponse.make(.ok, IdentityPresenter.project(project, organization: try await organizations.organization(caller)))
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await support.services.organizations.deleteProject(try context.organizationPrincipal(), id: try support.parameter("projectId", context))
        return JSONResponse.make(.accepted, ["success": true, "message": "Project deletion has been queued; its data is removed in the background"])
    }

    @Sendable func listKeys(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let keys = try await support.services.projectKeys.list(try context.organizationPrincipal(), projectID: try support.parameter("projectId", context))
        return JSONResponse.make(.ok, ["apiKeys": .array(keys.map(IdentityPresenter.keySummary))])
    }

    @Sendable func createKey(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        var reader = try await AdminBody.reader(request, limit: maxBodyBytes, emptyAllowed: true)
        // `name` is Langfuse's current field; `note` its deprecated alias.
        let name = reader.string("name") ?? reader.string("note"), publicKey = reader.string("publicKey"), secretKey = reader.string("secretKey")
        let expiresAt = reader.date("expiresAt")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        let (key, pair) = try await support.services.projectKeys.create(caller, projectID: try support.parameter("projectId", context), note: name,
                                                                        publicKey: publicKey, secretKey: secretKey, expiresAt: expiresAt)
        return JSONResponse.make(.ok, IdentityPresenter.createdKey(key, secretKey: pair.secretKey))
    }

    @Sendable func deleteKey(_ request: Request, context: LanternRequestContext) async throws -> Response {
        try await support.services.projectKeys.delete(try context.organizationPrincipal(), projectID: try support.parameter("projectId", context),
                                                      keyID: try support.parameter("apiKeyId", context))
        return JSONResponse.make(.ok, ["success": true])
    }

    @Sendable func listMembers(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let members = try await support.services.memberships.projectMembers(try context.organizationPrincipal(),
                                                                            projectID: try support.parameter("projectId", context))
        return JSONResponse.make(.ok, ["memberships": .array(members.map(IdentityPresenter.membership))])
    }

    @Sendable func setMember(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let (userID, role) = try await AdminBody.membership(request, limit: maxBodyBytes)
        let member = try await support.services.memberships.setProjectRole(caller, projectID: try support.parameter("projectId", context),
                                                                           userID: userID, role: role)
        return JSONResponse.make(.ok, IdentityPresenter.membership(member))
    }

    @Sendable func removeMember(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let userID = try await AdminBody.userID(request, limit: maxBodyBytes)
        try await support.services.memberships.removeProjectMember(caller, projectID: try support.parameter("projectId", context), userID: userID)
        return JSONResponse.make(.ok, ["message": "Membership deleted successfully", "userId": .string(userID)])
    }
}
