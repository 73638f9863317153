import Foundation
import LanternPluginSDK

/// API keys: a project key has a `project_id`; an organization key has none and reaches the organization's admin API.
extension SQLStorage {
    /// Stores a key; a key with the same public key is replaced (keeping when it was last used unless `key` says). An
    /// id already used by a key with another public key throws ``StorageError/conflict(_:)``.
    public func upsertAPIKey(_ key: APIKey) async throws {
        do {
            try await write { _ = try $0.connection.run(APIKeyTable.upsert, try APIKeyTable.values(key, json: $0.json)) }
        } catch StorageError.conflict(_) {
            throw StorageError.conflict("an API key with id '\(key.id)' already exists for another public key")
        }
    }

    /// The key with this public key, or nil.
    public func apiKey(publicKey: String) async throws -> APIKey? {
        try await rows(APIKeyTable.self, where: "public_key = ?", [.text(publicKey)]).first
    }

    /// The project's keys, oldest first.
    public func apiKeys(projectID: String) async throws -> [APIKey] {
        try await rows(APIKeyTable.self, where: "project_id = ?", [.text(projectID)], orderBy: "created_at, id")
    }

    /// The organization's own keys (those of no project), oldest first.
    public func organizationAPIKeys(organizationID: String) async throws -> [APIKey] {
        try await rows(APIKeyTable.self, where: "organization_id = ? AND project_id IS NULL", [.text(organizationID)], orderBy: "created_at, id")
    }

    /// Deletes the key with this id; false when there was none. The storage keeps no copy of a key, so the next lookup
    /// of it answers nil.
    public func deleteAPIKey(id: String) async throws -> Bool {
        try await change("DELETE FROM api_keys WHERE id = ?", [.text(id)]) > 0
    }

    /// Records that the key was used at `date`.
    public func touchAPIKey(id: String, at date: Date) async throws {
        _ = try await change("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [.date(date), .text(id)])
    }
}
