import Hummingbird
import LanternPluginSDK

/// The admin API's organization operations (organization-scoped keys or signed-in members):
/// `/organizations/memberships`, `/organizations/projects` and `/organizations/apiKeys`.
struct OrganizationRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/organizations/memberships", use: listMembers)
        group.put("/organizations/memberships", use: setMember)
        group.delete("/organizations/memberships", use: removeMember)
        group.get("/organizations/projects", use: projects)
        group.get("/organizations/apiKeys", use: keys)
    }

    @Sendable func listMembers(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let members = try await support.services.memberships.organizationMembers(try context.organizationPrincipal())
        return JSONResponse.make(.ok, ["memberships": .array(members.map(IdentityPresenter.membership))])
    }

    @Sendable func setMember(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let (userID, role) = try await AdminBody.membership(request, limit: maxBodyBytes)
        let member = try await support.services.memberships.setOrganizationRole(caller, userID: userID, role: role)
        return JSONResponse.make(.ok, IdentityPresenter.membership(member))
    }

    @Sendable func removeMember(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let caller = try context.organizationPrincipal()
        let userID = try await AdminBody.userID(request, limit: maxBodyBytes)
        try await support.services.memberships.removeOrganizationMember(caller, userID: userID)
        return JSONResponse.make(.ok, ["message": "Membership deleted successfully", "userId": .string(userID)])
    }

    @Sendable func projects(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let projects = try await support.services.organizations.projects(try context.organizationPrincipal())
        return JSONResponse.make(.ok, ["projects": .array(projects.map(IdentityPresenter.organizationProject))])
    }

    @Sendable func keys(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let keys = try await support.services.organizations.keys(try context.organizationPrincipal())
        return JSONResponse.make(.ok, ["apiKeys": .array(keys.map(IdentityPresenter.keySummary))])
    }
}
