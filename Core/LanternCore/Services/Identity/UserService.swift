import Foundation
import LanternPluginSDK

/// People: creating users into an organization (the CLI, the config's `init` block, SCIM provisioning) and
/// reading the organization's members. Roles and removal go through ``MembershipService``.
struct UserService: Sendable {
    let kernel: KernelServices

    /// Creates the user (or finds the one with this email) and makes them a member with `role`. 409 when they
    /// already belong to the organization. A nil password makes a user who cannot sign in with one (SCIM).
    func provision(_ caller: OrganizationPrincipal, email: String, name: String?, password: String?, role: Role) async throws -> User {
        try kernel.authorize(caller, .organizationMembersWrite)
        let email = try Self.validEmail(email)
        if let password { try PasswordRules.check(password, email: email) }
        let storage = try kernel.storage()
        if let existing = try await storage.user(email: email) {
            if try await storage.organizationMemberships(userID: existing.id).contains(where: { $0.organizationID == caller.organizationID }) {
                throw APIError.conflict("userName: a user with email \(email) is already a member of this organization")
            }
            _ = try await kernel.memberships.setOrganizationRole(caller, userID: existing.id, role: role)
            return existing
        }
        try MembershipService.checkGrant(caller, granting: role, replacing: nil)
        let now = Date()
        let hash: String? = if let password { await PasswordHasher.hash(password) } else { nil }
        let user = User(id: "user-" + UUID().uuidString.lowercased(), email: email, name: Self.displayName(name, email: email),
                        passwordHash: hash, createdAt: now, updatedAt: now)
        try await storage.upsertUser(user)
        let (_, membership) = try await kernel.memberships.applyOrganizationRole(caller, userID: user.id, role: role)
        kernel.audit.record(caller, "user", user.id, "created", after: IdentityPresenter.auditView(user, joining: membership))
        return user
    }

    /// The organization's members, optionally only the one with `email`.
    func members(_ caller: OrganizationPrincipal, email: String? = nil) async throws -> [User] {
        let members = try await kernel.memberships.organizationMembers(caller).map(\.user)
        guard let email = email?.lowercased() else { return members }
        return members.filter { $0.email == email }
    }

    /// One member; 404 for a user who is not in the organization.
    func member(_ caller: OrganizationPrincipal, id: String) async throws -> User {
        guard let user = try await members(caller).first(where: { $0.id == id }) else { throw APIError.notFound("User not found: \(id)") }
        return user
    }

    static func validEmail(_ email: String) throws -> String {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), email.count <= 254, !email.contains(" ") else {
            throw APIError.badRequest("email: must be an email address (got '\(email)')")
        }
        return email
    }

    static func displayName(_ name: String?, email: String) -> String {
        let trimmed = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return trimmed.isEmpty ? String(email.split(separator: "@").first ?? Substring(email)) : trimmed
    }
}
