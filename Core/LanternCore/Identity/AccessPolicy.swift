import LanternPluginSDK

/// What a caller may ask a kernel service to do. Each service method checks exactly one of these through
/// ``AccessPolicy/check(_:role:actor:)`` before it reads or writes anything.
public enum Permission: String, Sendable, CaseIterable {
    // One project's data.
    case projectRead = "project:read"
    case ingest = "events:create"
    case tracesDelete = "traces:delete"
    case scoresWrite = "scores:CUD"
    case commentsWrite = "comments:CUD"
    case annotationQueuesWrite = "annotationQueues:CUD"
    case promptsWrite = "prompts:CUD"
    case datasetsWrite = "datasets:CUD"
    case mediaWrite = "media:create"
    case scoreConfigsWrite = "scoreConfigs:CUD"
    case modelsWrite = "models:CUD"
    case llmConnectionsRead = "llmApiKeys:read"
    case llmConnectionsWrite = "llmApiKeys:CUD"
    case evaluatorsWrite = "evalTemplate:CUD"
    case evaluationRulesWrite = "evalJob:CUD"
    case projectMembersRead = "projectMembers:read"
    case projectMembersWrite = "projectMembers:CUD"
    case apiKeysRead = "apiKeys:read"
    case apiKeysWrite = "apiKeys:CUD"
    case projectUpdate = "project:update"
    case projectDelete = "project:delete"
    // The organization.
    case organizationRead = "organization:read"
    case organizationMembersRead = "organizationMembers:read"
    case organizationMembersWrite = "organizationMembers:CUD"
    case projectsCreate = "projects:create"
    case organizationKeysManage = "organization:CRUD_apiKeys"
    case auditLogsRead = "auditLogs:read"
}

/// Langfuse's role table, as data: the least role that holds each permission. Roles are ordered
/// (`NONE < VIEWER < MEMBER < ADMIN < OWNER`), and a higher role holds everything a lower one does.
/// A project role, where a user has one, replaces their organization role for that project.
public enum AccessPolicy {
    /// The least role holding each permission; every permission is listed (a test checks).
    public static let minimumRole: [Permission: Role] = [
        .projectRead: .viewer,
        .ingest: .member,
        .tracesDelete: .member,
        .scoresWrite: .member,
        .commentsWrite: .member,
        .annotationQueuesWrite: .member,
        .promptsWrite: .member,
        .datasetsWrite: .member,
        .mediaWrite: .member,
        .projectMembersRead: .member,
        .scoreConfigsWrite: .admin,
        .modelsWrite: .admin,
        .llmConnectionsRead: .member,
        .llmConnectionsWrite: .admin,
        .evaluatorsWrite: .member,
        .evaluationRulesWrite: .member,
        .projectMembersWrite: .admin,
        .apiKeysRead: .admin,
        .apiKeysWrite: .admin,
        .projectUpdate: .admin,
        .projectDelete: .owner,
        .organizationRead: .viewer,
        .organizationMembersRead: .member,
        .organizationMembersWrite: .admin,
        .projectsCreate: .admin,
        .organizationKeysManage: .owner,
        .auditLogsRead: .admin,
    ]

    /// Whether `role` holds `permission`.
    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        guard let least = minimumRole[permission] else { return false }
        return role != .none && role >= least
    }

    /// Throws 403 naming the permission and the role it needs unless `role` holds it.
    static func check(_ permission: Permission, role: Role, actor: String) throws {
        guard allows(role, permission) else {
            let least = minimumRole[permission]?.rawValue ?? "OWNER"
            throw APIError.forbidden("Access denied: \(permission.rawValue) needs role \(least) or higher; \(actor) has \(role.rawValue)")
        }
    }
}
