import Foundation
import LanternPluginSDK

/// The admin API's shapes (Langfuse's OpenAPI `Project`, `ApiKeySummary`, `MembershipResponse`, …) and the views
/// of identity records that audit events carry. No view includes a secret or a password hash.
enum IdentityPresenter {
    static func project(_ project: Project, organization: Organization) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(project.id), "name": .string(project.name), "metadata": .object(project.metadata),
            "organization": ["id": .string(organization.id), "name": .string(organization.name)],
        ]
        if let days = project.retentionDays { object["retentionDays"] = .number(Double(days)) }
        return .object(object)
    }

    static func organizationProject(_ project: Project) -> JSONValue {
        ["id": .string(project.id), "name": .string(project.name), "metadata": .object(project.metadata),
         "createdAt": Presenters.date(project.createdAt), "updatedAt": Presenters.date(project.updatedAt)]
    }

    /// `ApiKeySummary` / `OrganizationApiKey`.
    static func keySummary(_ key: APIKey) -> JSONValue {
        ["id": .string(key.id), "createdAt": Presenters.date(key.createdAt), "expiresAt": Presenters.date(key.expiresAt),
         "lastUsedAt": Presenters.date(key.lastUsedAt), "name": Presenters.string(key.note), "note": Presenters.string(key.note),
         "publicKey": .string(key.publicKey), "displaySecretKey": .string(APIKeys.displayHint(of: key))]
    }

    /// `ApiKeyResponse`: the only answer that carries a secret, once.
    static func createdKey(_ key: APIKey, secretKey: String) -> JSONValue {
        ["id": .string(key.id), "createdAt": Presenters.date(key.createdAt), "expiresAt": Presenters.date(key.expiresAt),
         "publicKey": .string(key.publicKey), "secretKey": .string(secretKey), "displaySecretKey": .string(APIKeys.displayHint(of: key)),
         "name": Presenters.string(key.note), "note": Presenters.string(key.note)]
    }

    static func membership(_ member: MembershipService.Member) -> JSONValue {
        ["userId": .string(member.user.id), "role": .string(member.role.rawValue), "email": .string(member.user.email),
         "name": .string(member.user.name)]
    }

    static func user(_ user: User) -> JSONValue {
        ["id": .string(user.id), "email": .string(user.email), "name": .string(user.name)]
    }

    // Audit views.

    static func auditView(_ project: Project) -> JSONValue {
        ["name": .string(project.name), "organizationId": .string(project.organizationID), "metadata": .object(project.metadata),
         "retentionDays": project.retentionDays.map { .number(Double($0)) } ?? .null]
    }

    static func auditView(_ key: APIKey) -> JSONValue {
        ["publicKey": .string(key.publicKey), "projectId": Presenters.string(key.projectID), "organizationId": .string(key.organizationID),
         "displaySecretKey": .string(APIKeys.displayHint(of: key)), "note": Presenters.string(key.note)]
    }

    static func auditView(_ user: User) -> JSONValue {
        ["email": .string(user.email), "name": .string(user.name), "hasPassword": .bool(user.passwordHash != nil)]
    }

    /// A new user with the organization membership they were created into.
    static func auditView(_ user: User, joining membership: OrganizationMembership) -> JSONValue {
        ["email": .string(user.email), "name": .string(user.name), "hasPassword": .bool(user.passwordHash != nil),
         "organizationId": .string(membership.organizationID), "role": .string(membership.role.rawValue)]
    }

    static func auditView(_ membership: OrganizationMembership) -> JSONValue {
        ["organizationId": .string(membership.organizationID), "userId": .string(membership.userID), "role": .string(membership.role.rawValue)]
    }

    static func auditView(_ membership: ProjectMembership) -> JSONValue {
        ["projectId": .string(membership.projectID), "userId": .string(membership.userID), "role": .string(membership.role.rawValue)]
    }
}
