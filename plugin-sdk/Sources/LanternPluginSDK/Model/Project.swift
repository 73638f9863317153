import Foundation

/// A project: the unit of data isolation, owned by one organization. Every project key belongs to exactly one.
public struct Project: Sendable, Hashable, Codable {
    /// Stable identifier.
    public var id: String
    /// Unique, human-readable name.
    public var name: String
    /// Free-form metadata.
    public var metadata: [String: JSONValue]
    /// When it was created.
    public var createdAt: Date
    /// The owning organization.
    public var organizationID: String
    /// Days of data to keep; nil or 0 keeps everything (read by the retention plugin).
    public var retentionDays: Int?
    /// When its name, metadata or retention last changed.
    public var updatedAt: Date

    /// Creates a project.
    public init(id: String, name: String, metadata: [String: JSONValue] = [:], createdAt: Date,
                organizationID: String = Organization.defaultID, retentionDays: Int? = nil, updatedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.metadata = metadata
        self.createdAt = createdAt
        self.organizationID = organizationID
        self.retentionDays = retentionDays
        self.updatedAt = updatedAt ?? createdAt
    }
}

/// An API key pair's stored form: the public key and a hash of the secret, never the secret.
/// A project key (`projectID` set) reaches one project's data; an organization key (`projectID` nil) reaches the
/// organization's admin API.
public struct APIKey: Sendable, Hashable, Codable {
    /// Stable identifier.
    public var id: String
    /// The project the key is scoped to; nil for an organization key.
    public var projectID: String?
    /// The organization the key (or its project) belongs to.
    public var organizationID: String
    /// `pk-lf-…`, sent as the Basic-auth user name.
    public var publicKey: String
    /// Hash of the secret key (see the kernel's key hashing); compare hashes, never secrets.
    public var secretHash: String
    /// The secret's last characters, for display (`…abcd`).
    public var displaySecret: String
    /// When it was created.
    public var createdAt: Date
    /// Free text shown beside the key.
    public var note: String?
    /// When a request last authenticated with it (recorded at most once a minute).
    public var lastUsedAt: Date?
    /// When it stops working; nil: never.
    public var expiresAt: Date?

    /// Creates a key record.
    public init(id: String, projectID: String?, organizationID: String = Organization.defaultID, publicKey: String,
                secretHash: String, displaySecret: String, createdAt: Date, note: String? = nil, lastUsedAt: Date? = nil,
                expiresAt: Date? = nil) {
        self.id = id
        self.projectID = projectID
        self.organizationID = organizationID
        self.publicKey = publicKey
        self.secretHash = secretHash
        self.displaySecret = displaySecret
        self.createdAt = createdAt
        self.note = note
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
    }
}
