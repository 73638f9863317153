import Foundation
import Hummingbird
import LanternPluginSDK

/// SCIM 2.0 under `/api/public/scim` (organization-scoped keys), so an identity provider can provision people:
/// discovery, `Users` list (with `filter=userName eq "…"`), create, get and delete. Provisioned users join the
/// organization with role NONE and no password; an admin grants them a role. Errors are SCIM error documents.
struct SCIMRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/scim/ServiceProviderConfig", use: discovery(SCIMPresenter.serviceProviderConfig))
        group.get("/scim/ResourceTypes", use: discovery(SCIMPresenter.list([SCIMPresenter.userResourceType], total: 1, startIndex: 1)))
        group.get("/scim/Schemas", use: discovery(SCIMPresenter.list([SCIMPresenter.userSchemaResource], total: 1, startIndex: 1)))
        group.get("/scim/Users", use: scim(list))
        group.post("/scim/Users", use: scim(create))
        group.get("/scim/Users/:userId", use: scim(get))
        group.delete("/scim/Users/:userId", use: scim(delete))
    }

    /// A fixed discovery document, for callers who may read the organization.
    private func discovery(_ document: JSONValue) -> @Sendable (Request, LanternRequestContext) async throws -> Response {
        scim { _, _, caller in
            _ = try await support.services.organizations.organization(caller)
            return SCIMPresenter.response(.ok, document)
        }
    }

    /// Wraps a handler: requires an organization caller and answers every API error as a SCIM error.
    private func scim(_ handler: @escaping @Sendable (Request, LanternRequestContext, OrganizationPrincipal) async throws -> Response)
        -> @Sendable (Request, LanternRequestContext) async throws -> Response {
        { request, context in
            do {
                return try await handler(request, context, try context.organizationPrincipal())
            } catch let error as SCIMFilter.Invalid {
                return SCIMPresenter.error(.badRequest(error.message), scimType: "invalidFilter")
            } catch let error as APIError {
                return SCIMPresenter.error(error, scimType: error.status == .conflict ? "uniqueness" : nil)
            }
        }
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext, caller: OrganizationPrincipal) async throws -> Response {
        let query = QueryReader(request)
        let email = try query.string("filter").map { try SCIMFilter.userNameEquals($0) }
        let startIndex = try query.integer("startIndex", in: 1...Int(Int32.max)) ?? 1
        let count = min(100, try query.integer("count", in: 0...Int(Int32.max)) ?? 100)
        let users = try await support.services.users.members(caller, email: email)
        let page = users.dropFirst(startIndex - 1).prefix(count).map(SCIMPresenter.user)
        return SCIMPresenter.response(.ok, SCIMPresenter.list(Array(page), total: users.count, startIndex: startIndex))
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext, caller: OrganizationPrincipal) async throws -> Response {
        var reader = try await AdminBody.reader(request, limit: maxBodyBytes)
        let userName = reader.string("userName")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let userName, !userName.isEmpty else { throw APIError.badRequest("userName: is required") }
        let user = try await support.services.users.provision(caller, email: userName, name: Self.displayName(reader.any("name")),
                                                              password: nil, role: .none)
        return SCIMPresenter.response(.created, SCIMPresenter.user(user), location: "/api/public/scim/Users/\(user.id)")
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext, caller: OrganizationPrincipal) async throws -> Response {
        let id = try support.parameter("userId", context)
        return SCIMPresenter.response(.ok, SCIMPresenter.user(try await support.services.users.member(caller, id: id)))
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext, caller: OrganizationPrincipal) async throws -> Response {
        let id = try support.parameter("userId", context)
        _ = try await support.services.users.member(caller, id: id)
        try await support.services.memberships.removeOrganizationMember(caller, userID: id)
        return Response(status: .noContent)
    }

    /// `name.formatted`, else given and family names joined.
    private static func displayName(_ name: JSONValue?) -> String? {
        guard case .object(let parts) = name else { return nil }
        if let formatted = parts["formatted"]?.stringValue, !formatted.isEmpty { return formatted }
        let joined = [parts["givenName"]?.stringValue, parts["familyName"]?.stringValue].compactMap { $0 }.joined(separator: " ")
        return joined.isEmpty ? nil : joined
    }
}
