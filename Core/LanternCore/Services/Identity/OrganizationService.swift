import Foundation
import LanternPluginSDK

/// The organization's projects and its own keys: creating, renaming and deleting projects (the admin API's
/// project operations) and the organization-scoped keys that call that API.
struct OrganizationService: Sendable {
    let kernel: KernelServices

    /// The kernel acting on organization `id` for `purpose`; creates the organization when missing (config seeding,
    /// the CLI).
    func ensure(id: String, name: String, purpose: String) async throws -> OrganizationPrincipal {
        let caller = OrganizationPrincipal.system(organizationID: id, purpose: purpose)
        let storage = try kernel.storage()
        if try await storage.organization(id: id) == nil {
            try await storage.upsertOrganization(Organization(id: id, name: name, createdAt: Date()))
            kernel.audit.record(caller, "organization", id, "created", after: ["name": .string(name)])
        }
        return caller
    }

    /// The caller's organization.
    func organization(_ caller: OrganizationPrincipal) async throws -> Organization {
        try kernel.authorize(caller, .organizationRead)
        guard let organization = try await kernel.storage().organization(id: caller.organizationID) else {
            throw APIError.notFound("Organization not found: \(caller.organizationID)")
        }
        return organization
    }

    /// The organization's projects, by name.
    func projects(_ caller: OrganizationPrincipal) async throws -> [Project] {
        try kernel.authorize(caller, .organizationRead)
        return try await kernel.storage().projects(organizationID: caller.organizationID)
    }

    /// One of the organization's projects and the caller acting on it with their role there; 404 for a project
    /// of another organization, so ids of other organizations' projects are not confirmed.
    func project(_ caller: OrganizationPrincipal, id: String) async throws -> (project: Project, principal: Principal) {
        guard let project = try await kernel.storage().project(id: id), project.organizationID == caller.organizationID else {
            throw APIError.notFound("Project not found: \(id)")
        }
        var role = caller.role
        if let userID = caller.userID { role = try await kernel.access.effectiveRole(userID: userID, project: project) }
        return (project, caller.acting(onProject: project.id, role: role))
    }

    /// Creates a project in the caller's organization.
    func createProject(_ caller: OrganizationPrincipal, name: String, metadata: [String: JSONValue], retentionDays: Int?,
                       id: String? = nil) async throws -> Project {
        try kernel.authorize(caller, .projectsCreate)
        let name = try Self.validName(name)
        try Self.checkRetention(retentionDays)
        let project = Project(id: id ?? "project-" + Identifiers.stableHash(name + UUID().uuidString), name: name, metadata: metadata,
                              createdAt: Date(), organizationID: caller.organizationID, retentionDays: retentionDays)
        let storage = try kernel.storage()
        if try await storage.project(named: name) != nil { throw APIError.conflict("A project named '\(name)' already exists") }
        try await storage.upsertProject(project)
        kernel.audit.record(caller, project: project.id, "project", project.id, "created", after: IdentityPresenter.auditView(project))
        return project
    }

    /// Renames a project and replaces its metadata; `retentionDays` nil keeps the current setting.
    func updateProject(_ caller: OrganizationPrincipal, id: String, name: String, metadata: [String: JSONValue]?, retentionDays: Int?)
        async throws -> Project {
        let (before, principal) = try await project(caller, id: id)
        try kernel.authorize(principal, .projectUpdate)
        let name = try Self.validName(name)
        try Self.checkRetention(retentionDays)
        var after = before
        after.name = name
        if let metadata { after.metadata = metadata }
        if let retentionDays { after.retentionDays = retentionDays }
        after.updatedAt = Date()
        let storage = try kernel.storage()
        if name != before.name, try await storage.project(named: name) != nil { throw APIError.conflict("A project named '\(name)' already exists") }
        try await storage.upsertProject(after)
        kernel.audit.record(caller, project: id, "project", id, "updated", before: IdentityPresenter.auditView(before),
                            after: IdentityPresenter.auditView(after))
        return after
    }

    /// Revokes the project's keys at once, then deletes its data in the background in bounded batches.
    func deleteProject(_ caller: OrganizationPrincipal, id: String) async throws {
        let (project, principal) = try await project(caller, id: id)
        try kernel.authorize(principal, .projectDelete)
        let storage = try kernel.storage()
        for key in try await storage.apiKeys(projectID: id) { _ = try await storage.deleteAPIKey(id: key.id) }
        kernel.audit.record(caller, project: id, "project", id, "deleted", before: IdentityPresenter.auditView(project))
        let models = kernel.runtime.models
        kernel.runtime.projectDeletions.start(projectID: id, storage: storage) {
            // The project's own model definitions are gone from storage; the catalog forgets them now, not at its next refresh.
            if let store = storage as? any ModelStore { try? await models.refresh(from: store) }
        }
    }

    /// The organization's own keys.
    func keys(_ caller: OrganizationPrincipal) async throws -> [APIKey] {
        try kernel.authorize(caller, .organizationKeysManage)
        return try await kernel.storage().organizationAPIKeys(organizationID: caller.organizationID)
    }

    /// Creates an organization key; the secret is in the answer only.
    func createKey(_ caller: OrganizationPrincipal, note: String?) async throws -> (key: APIKey, pair: APIKeys.Pair) {
        try kernel.authorize(caller, .organizationKeysManage)
        let pair = APIKeys.generate()
        let key = APIKeys.record(pair, projectID: nil, organizationID: caller.organizationID, note: note, at: Date())
        try await kernel.storage().upsertAPIKey(key)
        kernel.audit.record(caller, "apiKey", key.id, "created", after: IdentityPresenter.auditView(key))
        return (key, pair)
    }

    private static func validName(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw APIError.badRequest("name: must not be empty") }
        guard trimmed.count <= 100 else { throw APIError.badRequest("name: must be at most 100 characters") }
        return trimmed
    }

    /// Langfuse's rule: no retention (0) or at least 3 days.
    private static func checkRetention(_ days: Int?) throws {
        if let days, days != 0, days < 3 { throw APIError.badRequest("retention: must be 0 (keep everything) or at least 3 days (got \(days))") }
    }
}
