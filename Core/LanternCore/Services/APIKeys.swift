import Foundation
import LanternPluginSDK

/// Creating, seeding and checking API key pairs. Only a hash of each secret is stored.
public struct APIKeys: Sendable {
    let storage: any StorageBackend

    /// Key services over `storage`.
    public init(storage: any StorageBackend) { self.storage = storage }

    /// A newly made key pair; the secret is shown once and never stored.
    public struct Pair: Sendable {
        public let publicKey: String
        public let secretKey: String
    }

    /// The stored form of a secret.
    static func hash(_ secret: String) -> String { Digests.sha256Hex(Array(secret.utf8)) }

    /// A fresh random pair `pk-lf-<uuid>` / `sk-lf-<uuid>`.
    static func generate() -> Pair {
        Pair(publicKey: "pk-lf-" + UUID().uuidString.lowercased(), secretKey: "sk-lf-" + UUID().uuidString.lowercased())
    }

    /// The project named `name`, created when missing.
    public func ensureProject(named name: String) async throws -> Project {
        if let existing = try await storage.project(named: name) { return existing }
        let project = Project(id: "project-" + Identifiers.stableHash(name + UUID().uuidString), name: name, createdAt: Date())
        do {
            try await storage.upsertProject(project)
        } catch StorageError.conflict {
            // Another server created it between the lookup and the insert: use theirs.
            if let created = try await storage.project(named: name) { return created }
            throw StorageError.conflict("a project named '\(name)' exists but cannot be read")
        }
        return project
    }

    /// Stores `pair` for `project` (replacing a key with the same public key).
    public func store(_ pair: Pair, for project: Project) async throws {
        let key = APIKey(id: "key-" + Identifiers.stableHash(pair.publicKey), projectID: project.id, publicKey: pair.publicKey,
                         secretHash: Self.hash(pair.secretKey), displaySecret: "..." + String(pair.secretKey.suffix(4)), createdAt: Date())
        try await storage.upsertAPIKey(key)
    }

    /// Creates a new pair for the project named `name` (creating the project when missing).
    public func create(forProjectNamed name: String) async throws -> (Project, Pair) {
        let project = try await ensureProject(named: name)
        let pair = Self.generate()
        try await store(pair, for: project)
        return (project, pair)
    }

    /// Creates the config's seeded projects and their key pairs.
    func seed(_ seeds: [LanternConfig.ProjectSeed]) async throws {
        for seed in seeds {
            let project = try await ensureProject(named: seed.name)
            if let publicKey = seed.publicKey, let secretKey = seed.secretKey {
                if let existing = try await storage.apiKey(publicKey: publicKey), existing.projectID != project.id {
                    throw StorageError.conflict("public key \(publicKey) already belongs to another project")
                }
                do {
                    try await store(Pair(publicKey: publicKey, secretKey: secretKey), for: project)
                } catch StorageError.conflict(let reason) {
                    // Another server seeding the same config stored the key at the same moment: accept its row.
                    guard let stored = try await storage.apiKey(publicKey: publicKey), stored.projectID == project.id,
                          stored.secretHash == Self.hash(secretKey) else { throw StorageError.conflict(reason) }
                }
            }
        }
    }

    /// The project id for a Basic-auth pair, or nil when the pair is unknown or the secret wrong.
    func authenticate(publicKey: String, secretKey: String) async throws -> String? {
        guard let key = try await storage.apiKey(publicKey: publicKey), Digests.constantTimeEqual(key.secretHash, Self.hash(secretKey)) else {
            return nil
        }
        return key.projectID
    }
}
