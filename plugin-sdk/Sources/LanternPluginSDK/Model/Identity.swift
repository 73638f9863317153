import Foundation

/// An organization: owns projects; people belong to it through memberships.
public struct Organization: Sendable, Hashable, Codable {
    /// The organization every project created before organizations existed belongs to.
    public static let defaultID = "lantern"

    /// Stable identifier.
    public var id: String
    /// Display name.
    public var name: String
    /// When it was created.
    public var createdAt: Date

    /// Creates an organization.
    public init(id: String, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

/// A role in an organization or a project, as Langfuse names them. Roles are ordered:
/// `none < viewer < member < admin < owner`.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case none = "NONE"
    case viewer = "VIEWER"
    case member = "MEMBER"
    case admin = "ADMIN"
    case owner = "OWNER"

    private var rank: Int {
        switch self {
        case .none: 0
        case .viewer: 1
        case .member: 2
        case .admin: 3
        case .owner: 4
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// A person who signs in. Emails are stored lowercased and are unique.
public struct User: Sendable, Hashable, Codable {
    /// Stable identifier.
    public var id: String
    /// Lowercased email address, the sign-in name.
    public var email: String
    /// Display name.
    public var name: String
    /// The password's bcrypt hash; nil for a user provisioned without a password (SCIM), who cannot sign in.
    public var passwordHash: String?
    /// When it was created.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a user record.
    public init(id: String, email: String, name: String, passwordHash: String?, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A user's role in an organization.
public struct OrganizationMembership: Sendable, Hashable, Codable {
    public var organizationID: String
    public var userID: String
    public var role: Role
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a membership.
    public init(organizationID: String, userID: String, role: Role, createdAt: Date, updatedAt: Date) {
        self.organizationID = organizationID
        self.userID = userID
        self.role = role
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A user's role in one project, overriding their organization role there.
public struct ProjectMembership: Sendable, Hashable, Codable {
    public var projectID: String
    public var userID: String
    public var role: Role
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a project membership.
    public init(projectID: String, userID: String, role: Role, createdAt: Date, updatedAt: Date) {
        self.projectID = projectID
        self.userID = userID
        self.role = role
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A signed-in browser or CLI session, stored so every server sharing the database accepts it.
public struct SignInSession: Sendable, Hashable, Codable {
    /// Hash of the session token; the token itself lives only in the client's cookie.
    public var id: String
    /// The signed-in user.
    public var userID: String
    /// The token a cookie-authenticated state-changing request must echo in `X-CSRF-Token`.
    public var csrfToken: String
    /// When it was created.
    public var createdAt: Date
    /// When it was last used (for the idle expiry).
    public var lastSeenAt: Date
    /// When it ends whatever its use (the absolute expiry).
    public var expiresAt: Date

    /// Creates a session record.
    public init(id: String, userID: String, csrfToken: String, createdAt: Date, lastSeenAt: Date, expiresAt: Date) {
        self.id = id
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.expiresAt = expiresAt
    }
}
