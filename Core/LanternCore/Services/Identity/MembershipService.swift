import Foundation
import LanternPluginSDK

/// Who belongs to the organization and its projects, with which role. Beyond the role table, two rules hold:
/// a person never grants (or changes the role of someone holding) a role above their own, and the organization
/// always keeps an owner.
struct MembershipService: Sendable {
    let kernel: KernelServices

    /// A membership with its user, as the admin API answers it.
    struct Member: Sendable {
        let user: User
        let role: Role
    }

    func organizationMembers(_ caller: OrganizationPrincipal) async throws -> [Member] {
        try kernel.authorize(caller, .organizationMembersRead)
        let memberships = try await kernel.storage().organizationMemberships(organizationID: caller.organizationID)
        return try await members(memberships.map { ($0.userID, $0.role) })
    }

    /// Sets the user's organization role (adding them when they were no member).
    func setOrganizationRole(_ caller: OrganizationPrincipal, userID: String, role: Role) async throws -> Member {
        try kernel.authorize(caller, .organizationMembersWrite)
        guard let user = try await kernel.storage().user(id: userID) else { throw APIError.notFound("User not found: \(userID)") }
        let (before, after) = try await applyOrganizationRole(caller, userID: userID, role: role)
        kernel.audit.record(caller, "organizationMembership", userID, before == nil ? "created" : "role-changed",
                            before: before.map { IdentityPresenter.auditView($0) }, after: IdentityPresenter.auditView(after))
        return Member(user: user, role: role)
    }

    /// Stores the role after the grant and last-owner rules, without an audit event: the caller announces the change
    /// (``UserService`` folds a new user's membership into its `user.created` event).
    func applyOrganizationRole(_ caller: OrganizationPrincipal, userID: String, role: Role) async throws
        -> (before: OrganizationMembership?, after: OrganizationMembership) {
        try kernel.authorize(caller, .organizationMembersWrite)
        let storage = try kernel.storage()
        let memberships = try await storage.organizationMemberships(organizationID: caller.organizationID)
        let current = memberships.first { $0.userID == userID }
        try Self.checkGrant(caller, granting: role, replacing: current?.role)
        if current?.role == .owner, role != .owner { try Self.checkKeepsOwner(memberships, losing: userID) }
        let now = Date()
        let membership = OrganizationMembership(organizationID: caller.organizationID, userID: userID, role: role,
                                                createdAt: current?.createdAt ?? now, updatedAt: now)
        try await storage.upsertOrganizationMembership(membership)
        return (current, membership)
    }

    /// Removes the user from the organization and its projects.
    func removeOrganizationMember(_ caller: OrganizationPrincipal, userID: String) async throws {
        try kernel.authorize(caller, .organizationMembersWrite)
        let storage = try kernel.storage()
        let memberships = try await storage.organizationMemberships(organizationID: caller.organizationID)
        guard let current = memberships.first(where: { $0.userID == userID }) else {
            throw APIError.notFound("User \(userID) is not a member of this organization")
        }
        try Self.checkGrant(caller, granting: .none, replacing: current.role)
        if current.role == .owner { try Self.checkKeepsOwner(memberships, losing: userID) }
        _ = try await storage.deleteOrganizationMembership(organizationID: caller.organizationID, userID: userID)
        kernel.audit.record(caller, "organizationMembership", userID, "deleted", before: IdentityPresenter.auditView(current))
    }

    func projectMembers(_ caller: OrganizationPrincipal, projectID: String) async throws -> [Member] {
        let (_, principal) = try await kernel.organizations.project(caller, id: projectID)
        try kernel.authorize(principal, .projectMembersRead)
        let memberships = try await kernel.storage().projectMemberships(projectID: projectID)
        return try await members(memberships.map { ($0.userID, $0.role) })
    }

    /// Sets the user's role in one project; they must already belong to the organization.
    func setProjectRole(_ caller: OrganizationPrincipal, projectID: String, userID: String, role: Role) async throws -> Member {
        let (_, principal) = try await kernel.organizations.project(caller, id: projectID)
        try kernel.authorize(principal, .projectMembersWrite)
        let storage = try kernel.storage()
        guard let user = try await storage.user(id: userID) else { throw APIError.notFound("User not found: \(userID)") }
        guard try await storage.organizationMemberships(userID: userID).contains(where: { $0.organizationID == caller.organizationID }) else {
            throw APIError.badRequest("userId: user \(userID) is not a member of the organization; add them to it first")
        }
        let current = try await storage.projectMemberships(projectID: projectID).first { $0.userID == userID }
        try Self.checkGrant(principal.role, isPerson: caller.userID != nil, granting: role, replacing: current?.role)
        let now = Date()
        let membership = ProjectMembership(projectID: projectID, userID: userID, role: role, createdAt: current?.createdAt ?? now, updatedAt: now)
        try await storage.upsertProjectMembership(membership)
        kernel.audit.record(caller, project: projectID, "projectMembership", userID, current == nil ? "created" : "role-changed",
                            before: current.map { IdentityPresenter.auditView($0) }, after: IdentityPresenter.auditView(membership))
        return Member(user: user, role: role)
    }

    func removeProjectMember(_ caller: OrganizationPrincipal, projectID: String, userID: String) async throws {
        let (_, principal) = try await kernel.organizations.project(caller, id: projectID)
        try kernel.authorize(principal, .projectMembersWrite)
        let storage = try kernel.storage()
        guard let current = try await storage.projectMemberships(projectID: projectID).first(where: { $0.userID == userID }) else {
            throw APIError.notFound("User \(userID) has no role in project \(projectID)")
        }
        try Self.checkGrant(principal.role, isPerson: caller.userID != nil, granting: .none, replacing: current.role)
        _ = try await storage.deleteProjectMembership(projectID: projectID, userID: userID)
        kernel.audit.record(caller, project: projectID, "projectMembership", userID, "deleted", before: IdentityPresenter.auditView(current))
    }

    private func members(_ pairs: [(userID: String, role: Role)]) async throws -> [Member] {
        let storage = try kernel.storage()
        var members: [Member] = []
        for (userID, role) in pairs {
            if let user = try await storage.user(id: userID) { members.append(Member(user: user, role: role)) }
        }
        return members
    }

    static func checkGrant(_ caller: OrganizationPrincipal, granting role: Role, replacing current: Role?) throws {
        try checkGrant(caller.role, isPerson: caller.userID != nil, granting: role, replacing: current)
    }

    /// A person may not grant a role above their own, nor change the role of someone above them. Keys and the
    /// kernel hold the owner role and pass.
    private static func checkGrant(_ own: Role, isPerson: Bool, granting role: Role, replacing current: Role?) throws {
        guard isPerson else { return }
        if role > own { throw APIError.forbidden("role: you cannot grant \(role.rawValue), which is above your own role \(own.rawValue)") }
        if let current, current > own {
            throw APIError.forbidden("You cannot change the role of a member whose role \(current.rawValue) is above your own (\(own.rawValue))")
        }
    }

    private static func checkKeepsOwner(_ memberships: [OrganizationMembership], losing userID: String) throws {
        let otherOwners = memberships.filter { $0.role == .owner && $0.userID != userID }
        if otherOwners.isEmpty {
            throw APIError.badRequest("The organization must keep at least one OWNER; make another member OWNER first")
        }
    }
}
