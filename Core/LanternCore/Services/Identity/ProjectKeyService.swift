import Foundation
import LanternPluginSDK

/// A project's API keys: listing, creating (the secret is shown once) and revoking. Revocation deletes the key
/// row, so every server sharing the database refuses it on the next request (keys are looked up per request).
struct ProjectKeyService: Sendable {
    let kernel: KernelServices

    func list(_ caller: OrganizationPrincipal, projectID: String) async throws -> [APIKey] {
        let (_, principal) = try await kernel.organizations.project(caller, id: projectID)
        try kernel.authorize(principal, .apiKeysRead)
        return try await kernel.storage().apiKeys(projectID: projectID)
    }

    /// Creates a key for the project: a generated pair, or the caller's own when both halves are given.
    func create(_ caller: OrganizationPrincipal, projectID: String, note: String?, publicKey: String? = nil, secretKey: String? = nil,
                expiresAt: Date? = nil) async throws -> (key: APIKey, pair: APIKeys.Pair) {
        let (project, principal) = try await kernel.organizations.project(caller, id: projectID)
        try kernel.authorize(principal, .apiKeysWrite)
        if let expiresAt, expiresAt <= Date() { throw APIError.badRequest("expiresAt: must be in the future") }
        let pair = try APIKeys.validate(publicKey: publicKey, secretKey: secretKey) ?? APIKeys.generate()
        let storage = try kernel.storage()
        if try await storage.apiKey(publicKey: pair.publicKey) != nil {
            throw APIError.conflict("publicKey: an API key with public key \(pair.publicKey) already exists")
        }
        let key = APIKeys.record(pair, projectID: project.id, organizationID: project.organizationID, note: note, at: Date(), expiresAt: expiresAt)
        try await storage.upsertAPIKey(key)
        kernel.audit.record(caller, project: project.id, "apiKey", key.id, "created", after: IdentityPresenter.auditView(key))
        return (key, pair)
    }

    /// Revokes one of the project's keys; 404 for a key of another project.
    func delete(_ caller: OrganizationPrincipal, projectID: String, keyID: String) async throws {
        let (_, principal) = try await kernel.organizations.project(caller, id: projectID)
        try kernel.authorize(principal, .apiKeysWrite)
        let storage = try kernel.storage()
        guard let key = try await storage.apiKeys(projectID: projectID).first(where: { $0.id == keyID }),
              try await storage.deleteAPIKey(id: keyID) else { throw APIError.notFound("API key not found: \(keyID)") }
        kernel.audit.record(caller, project: projectID, "apiKey", keyID, "revoked", before: IdentityPresenter.auditView(key))
    }
}
