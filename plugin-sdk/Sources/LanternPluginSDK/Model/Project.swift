import Foundation

/// A project: the unit of data isolation. Every API key belongs to exactly one.
public struct Project: Sendable, Hashable, Codable {
    /// Stable identifier.
    public var id: String
    /// Unique, human-readable name.
    public var name: String
    /// Free-form metadata.
    public var metadata: [String: JSONValue]
    /// When it was created.
    public var createdAt: Date

    /// Creates a project.
    public init(id: String, name: String, metadata: [String: JSONValue] = [:], createdAt: Date) {
        self.id = id
        self.name = name
        self.metadata = metadata
        self.createdAt = createdAt
    }
}

/// An API key pair's stored form: the public key and a hash of the secret, never the secret.
public struct APIKey: Sendable, Hashable, Codable {
    /// Stable identifier.
    public var id: String
    /// The project the key is scoped to.
    public var projectID: String
    /// `pk-lf-…`, sent as the Basic-auth user name.
    public var publicKey: String
    /// Hash of the secret key (see the kernel's key hashing); compare hashes, never secrets.
    public var secretHash: String
    /// The secret's last characters, for display (`…abcd`).
    public var displaySecret: String
    /// When it was created.
    public var createdAt: Date

    /// Creates a key record.
    public init(id: String, projectID: String, publicKey: String, secretHash: String, displaySecret: String, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.publicKey = publicKey
        self.secretHash = secretHash
        self.displaySecret = displaySecret
        self.createdAt = createdAt
    }
}
