import Foundation
import LanternPluginSDK

/// What every permission check needs to know about a caller: its role where it acts, and its name in the audit log.
public protocol Caller: Sendable {
    /// The caller's role in the project or organization it acts on.
    var role: Role { get }
    /// The audit log's name for the caller: `apiKey:<public key>`, `user:<email>` or `system:<purpose>`.
    var actor: String { get }
    /// The request that made the call, carried into audit events; nil outside HTTP.
    var requestID: String? { get }
    /// The network address and `User-Agent` of that request, for audit events.
    var clientAddress: String? { get }
    var userAgent: String? { get }
}

/// A caller acting on one project. Every project service method takes one, checks its role against
/// ``AccessPolicy``, scopes what it reads and writes to the project, and names the caller in its audit events.
public struct Principal: Caller, Hashable {
    /// The project every read and write of the call is scoped to.
    public let projectID: String
    public let role: Role
    public let actor: String
    public var requestID: String?
    public var clientAddress: String? = nil
    public var userAgent: String? = nil

    /// A caller authenticated by one of the project's API keys, which (as in Langfuse) reach all of its data.
    public static func apiKey(projectID: String, publicKey: String, requestID: String? = nil) -> Principal {
        Principal(projectID: projectID, role: .admin, actor: "apiKey:\(publicKey)", requestID: requestID)
    }

    /// A signed-in user with their effective role in the project (their project role, else their organization role).
    public static func user(projectID: String, email: String, role: Role, requestID: String? = nil) -> Principal {
        Principal(projectID: projectID, role: role, actor: "user:\(email)", requestID: requestID)
    }

    /// The holder of a media URL the kernel signed for `projectID`: it may read and upload that media.
    public static func signedURL(projectID: String) -> Principal {
        Principal(projectID: projectID, role: .member, actor: "signedURL", requestID: nil)
    }

    /// The kernel acting on its own behalf (a CLI command, a scheduled job).
    public static func system(projectID: String, purpose: String) -> Principal {
        Principal(projectID: projectID, role: .owner, actor: "system:\(purpose)", requestID: nil)
    }
}

/// A caller acting on an organization: an organization API key, a signed-in member, or the kernel itself.
public struct OrganizationPrincipal: Caller, Hashable {
    /// The organization the call is scoped to.
    public let organizationID: String
    public let role: Role
    public let actor: String
    public var requestID: String?
    /// The signed-in user, when the caller is one (a key or the kernel has none).
    public let userID: String?
    public var clientAddress: String? = nil
    public var userAgent: String? = nil

    /// A caller authenticated by an organization key, which (as in Langfuse) holds every organization permission.
    public static func apiKey(organizationID: String, publicKey: String, requestID: String? = nil) -> OrganizationPrincipal {
        OrganizationPrincipal(organizationID: organizationID, role: .owner, actor: "apiKey:\(publicKey)", requestID: requestID, userID: nil)
    }

    /// A signed-in member with their organization role.
    public static func user(organizationID: String, userID: String, email: String, role: Role, requestID: String? = nil)
        -> OrganizationPrincipal {
        OrganizationPrincipal(organizationID: organizationID, role: role, actor: "user:\(email)", requestID: requestID, userID: userID)
    }

    /// The kernel acting on its own behalf (config seeding, the `lantern users` command).
    public static func system(organizationID: String, purpose: String) -> OrganizationPrincipal {
        OrganizationPrincipal(organizationID: organizationID, role: .owner, actor: "system:\(purpose)", requestID: nil, userID: nil)
    }

    /// The same caller acting on one of the organization's projects with `role` there.
    func acting(onProject projectID: String, role: Role) -> Principal {
        Principal(projectID: projectID, role: role, actor: actor, requestID: requestID)
    }
}
