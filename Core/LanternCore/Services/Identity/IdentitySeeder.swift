import Foundation
import LanternPluginSDK

/// Creates what the config asks for at start: the `init` organization (or the default one), the seeded projects
/// in it with their key pairs, and the first user as its owner. Idempotent, and safe when several servers start on
/// one database at once: a row another server created first is accepted when it matches.
struct IdentitySeeder: Sendable {
    let kernel: KernelServices

    func seed(_ config: LanternConfig) async throws {
        let organizationID = config.initial.organizationID ?? Organization.defaultID
        let name = config.initial.organizationName ?? (organizationID == Organization.defaultID ? "Lantern" : organizationID)
        let caller = try await kernel.organizations.ensure(id: organizationID, name: name, purpose: "init")
        if let publicKey = config.initial.organizationPublicKey, let secretKey = config.initial.organizationSecretKey {
            try await ensureKey(APIKeys.Pair(publicKey: publicKey, secretKey: secretKey), projectID: nil, organizationID: organizationID)
        }
        for seed in config.projects {
            let project = try await ensureProject(seed, caller: caller)
            if let publicKey = seed.publicKey, let secretKey = seed.secretKey {
                try await ensureKey(APIKeys.Pair(publicKey: publicKey, secretKey: secretKey), projectID: project.id, organizationID: project.organizationID)
            }
        }
        if let user = config.initial.user, try await kernel.storage().user(email: user.email) == nil {
            do {
                _ = try await kernel.users.provision(caller, email: user.email, name: user.name, password: user.password, role: .owner)
            } catch let error as APIError where error.status == .conflict {
                // Another server created the user at the same moment.
            }
        }
    }

    private func ensureProject(_ seed: LanternConfig.ProjectSeed, caller: OrganizationPrincipal) async throws -> Project {
        let storage = try kernel.storage()
        if var existing = try await storage.project(named: seed.name) {
            // A project from before organizations sits in the default one; the config's organization takes it over.
            guard existing.organizationID == Organization.defaultID, caller.organizationID != Organization.defaultID else { return existing }
            let before = existing
            existing.organizationID = caller.organizationID
            existing.updatedAt = Date()
            try await storage.upsertProject(existing)
            kernel.audit.record(caller, project: existing.id, "project", existing.id, "moved", before: IdentityPresenter.auditView(before),
                                after: IdentityPresenter.auditView(existing))
            return existing
        }
        do {
            return try await kernel.organizations.createProject(caller, name: seed.name, metadata: [:], retentionDays: nil, id: seed.id)
        } catch let error as APIError where error.status == .conflict {
            if let created = try await storage.project(named: seed.name) { return created }
            throw error
        } catch StorageError.conflict(let reason) {
            if let created = try await storage.project(named: seed.name) { return created }
            throw StorageError.conflict(reason)
        }
    }

    /// Stores the seeded pair (a project key, or an organization key when `projectID` is nil); a changed secret in
    /// the config replaces the stored one. Two servers seeding at once write the same row (its id derives from the
    /// public key), so the upsert needs no conflict handling.
    private func ensureKey(_ pair: APIKeys.Pair, projectID: String?, organizationID: String) async throws {
        let storage = try kernel.storage()
        let caller = OrganizationPrincipal.system(organizationID: organizationID, purpose: "init")
        let existing = try await storage.apiKey(publicKey: pair.publicKey)
        if let existing {
            guard existing.projectID == projectID, existing.organizationID == organizationID || projectID != nil else {
                throw StorageError.conflict("public key \(pair.publicKey) already belongs to another \(projectID == nil ? "organization or project" : "project")")
            }
            if Digests.constantTimeEqual(existing.secretHash, APIKeys.hash(pair.secretKey)) {
                // A project key follows its project into the config's organization.
                guard existing.organizationID != organizationID else { return }
                var moved = existing
                moved.organizationID = organizationID
                try await storage.upsertAPIKey(moved)
                kernel.audit.record(caller, project: projectID, "apiKey", moved.id, "moved", before: IdentityPresenter.auditView(existing),
                                    after: IdentityPresenter.auditView(moved))
                return
            }
        }
        var key = APIKeys.record(pair, projectID: projectID, organizationID: organizationID, note: "seeded from the config", at: Date())
        if let existing { key.createdAt = existing.createdAt }
        try await storage.upsertAPIKey(key)
        kernel.audit.record(caller, project: projectID, "apiKey", key.id, existing == nil ? "created" : "secret-replaced",
                            after: IdentityPresenter.auditView(key))
    }
}
