import Foundation
import LanternPluginSDK

/// The `organizations` table.
package enum OrganizationTable: KeyedTable {
    package static let table = "organizations"
    package static let columns = ["id", "name", "created_at"]
    package static let primaryKey = ["id"]
    package static let keptOnUpdate = ["created_at"]

    package static func values(_ organization: Organization, json: JSONColumns) throws -> [SQLValue] {
        [.text(organization.id), .text(organization.name), .date(organization.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Organization {
        let id = try row.text()
        let name = try row.text()
        let createdAt = try row.date()
        return Organization(id: id, name: name, createdAt: createdAt)
    }
}

/// The `users` table; `email` is unique.
package enum UserTable: KeyedTable {
    package static let table = "users"
    package static let columns = ["id", "email", "name", "password_hash", "created_at", "updated_at"]
    package static let primaryKey = ["id"]
    package static let keptOnUpdate = ["created_at"]

    package static func values(_ user: User, json: JSONColumns) throws -> [SQLValue] {
        [.text(user.id), .text(user.email), .text(user.name), .optional(user.passwordHash), .date(user.createdAt), .date(user.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> User {
        let id = try row.text()
        let email = try row.text()
        let name = try row.text()
        let passwordHash = row.optionalText()
        let createdAt = try row.date()
        let updatedAt = try row.date()
        return User(id: id, email: email, name: name, passwordHash: passwordHash, createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// The fields of a membership row, whichever its scope.
package typealias MembershipFields = (scopeID: String, userID: String, role: Role, createdAt: Date, updatedAt: Date)

/// A membership table: a user's role in one organization or one project, keyed by `(scope, user_id)`; an upsert
/// replaces the role and keeps `created_at`.
package protocol MembershipTable: KeyedTable {
    /// The column of the organization or project id.
    static var scopeColumn: String { get }
    /// A membership from its fields.
    static func model(_ fields: MembershipFields) -> Model
    /// The fields of a membership.
    static func fields(_ membership: Model) -> MembershipFields
}

extension MembershipTable {
    package static var columns: [String] { [scopeColumn, "user_id", "role", "created_at", "updated_at"] }
    package static var primaryKey: [String] { [scopeColumn, "user_id"] }
    package static var keptOnUpdate: [String] { ["created_at"] }

    package static func values(_ membership: Model, json: JSONColumns) throws -> [SQLValue] {
        let fields = fields(membership)
        return [.text(fields.scopeID), .text(fields.userID), .text(fields.role.rawValue), .date(fields.createdAt), .date(fields.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> Model {
        model((scopeID: try row.text(), userID: try row.text(), role: try row.role(), createdAt: try row.date(), updatedAt: try row.date()))
    }
}

/// The `organization_memberships` table: a user's role in an organization.
package enum OrganizationMembershipTable: MembershipTable {
    package typealias Model = OrganizationMembership
    package static let table = "organization_memberships"
    package static let scopeColumn = "organization_id"

    package static func model(_ fields: MembershipFields) -> OrganizationMembership {
        OrganizationMembership(organizationID: fields.scopeID, userID: fields.userID, role: fields.role, createdAt: fields.createdAt,
                               updatedAt: fields.updatedAt)
    }

    package static func fields(_ membership: OrganizationMembership) -> MembershipFields {
        (membership.organizationID, membership.userID, membership.role, membership.createdAt, membership.updatedAt)
    }
}

/// The `project_memberships` table: a user's role in one project. Project data: deleted with the project.
package enum ProjectMembershipTable: MembershipTable {
    package typealias Model = ProjectMembership
    package static let table = "project_memberships"
    package static let scopeColumn = "project_id"

    package static func model(_ fields: MembershipFields) -> ProjectMembership {
        ProjectMembership(projectID: fields.scopeID, userID: fields.userID, role: fields.role, createdAt: fields.createdAt,
                          updatedAt: fields.updatedAt)
    }

    package static func fields(_ membership: ProjectMembership) -> MembershipFields {
        (membership.projectID, membership.userID, membership.role, membership.createdAt, membership.updatedAt)
    }
}

/// The `sign_in_sessions` table, keyed by the hash of the session token.
package enum SignInSessionTable: KeyedTable {
    package static let table = "sign_in_sessions"
    package static let columns = ["id", "user_id", "csrf_token", "created_at", "last_seen_at", "expires_at"]
    package static let primaryKey = ["id"]
    package static let keptOnUpdate = ["created_at"]

    package static func values(_ session: SignInSession, json: JSONColumns) throws -> [SQLValue] {
        [.text(session.id), .text(session.userID), .text(session.csrfToken), .date(session.createdAt), .date(session.lastSeenAt),
         .date(session.expiresAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> SignInSession {
        let id = try row.text()
        let userID = try row.text()
        let csrfToken = try row.text()
        let createdAt = try row.date()
        let lastSeenAt = try row.date()
        let expiresAt = try row.date()
        return SignInSession(id: id, userID: userID, csrfToken: csrfToken, createdAt: createdAt, lastSeenAt: lastSeenAt, expiresAt: expiresAt)
    }
}

extension ColumnReader {
    /// The next column as a ``Role``; NULL or a name Lantern does not know is an error (the row is skipped rather than
    /// read with a guessed role).
    mutating func role() throws -> Role {
        let name = try text()
        guard let role = Role(rawValue: name) else { throw RowDecodingError(column: "role", reason: "is not a role (got \(name.prefix(40)))") }
        return role
    }
}
