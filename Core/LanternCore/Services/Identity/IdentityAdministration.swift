import Foundation
import LanternPluginSDK

/// The identity operations of the `lantern` command, run as the kernel (`system:cli`) through the same services
/// and audit events as the admin API.
public struct IdentityAdministration: Sendable {
    let kernel: KernelServices

    /// Administration over a started runtime.
    public init(runtime: LanternRuntime) { kernel = runtime.services }

    /// A created user; `password` is set when it was generated (and must be shown once).
    public struct CreatedUser: Sendable {
        public let id: String
        public let email: String
        public let generatedPassword: String?
    }

    /// Creates a user with `role` in the organization (created when missing). Without a password, one is generated.
    public func createUser(email: String, name: String?, organizationID: String, role roleName: String, password: String?) async throws
        -> CreatedUser {
        let role = try Role.parse(roleName.uppercased(), field: "--role")
        let caller = try await organization(organizationID)
        let chosen = password ?? Self.generatedPassword()
        let user = try await kernel.users.provision(caller, email: email, name: name, password: chosen, role: role)
        return CreatedUser(id: user.id, email: user.email, generatedPassword: password == nil ? chosen : nil)
    }

    /// Creates a key pair for the project named `projectName` in the organization (both created when missing).
    public func createProjectKey(projectName: String, organizationID: String?) async throws -> (projectID: String, publicKey: String, secretKey: String) {
        let caller = try await organization(organizationID ?? Organization.defaultID)
        let project: Project
        if let existing = try await kernel.storage().project(named: projectName) {
            guard existing.organizationID == caller.organizationID else {
                throw APIError.badRequest("--project: project '\(projectName)' belongs to organization \(existing.organizationID); pass --org \(existing.organizationID)")
            }
            project = existing
        } else {
            project = try await kernel.organizations.createProject(caller, name: projectName, metadata: [:], retentionDays: nil)
        }
        let (_, pair) = try await kernel.projectKeys.create(caller, projectID: project.id, note: "created by lantern keys create")
        return (project.id, pair.publicKey, pair.secretKey)
    }

    /// Creates an organization-scoped key (for the admin API and SCIM).
    public func createOrganizationKey(organizationID: String) async throws -> (publicKey: String, secretKey: String) {
        let (_, pair) = try await kernel.organizations.createKey(try await organization(organizationID), note: "created by lantern keys create")
        return (pair.publicKey, pair.secretKey)
    }

    /// The kernel acting on the organization, which is created when missing.
    private func organization(_ id: String) async throws -> OrganizationPrincipal {
        try await kernel.organizations.ensure(id: id, name: id, purpose: "cli")
    }

    /// 20 random characters from an alphabet without look-alikes, with a digit, so it passes the password rules.
    static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        let body = String((0..<19).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        return body + String(Int.random(in: 2...9, using: &generator))
    }
}

extension APIError: CustomStringConvertible {
    public var description: String { message }
}
