import Foundation

/// Who calls a kernel service. Every service method takes one, scopes what it reads and writes to the principal's
/// project, and names the principal as the actor of the audit events it emits. Today principals are project API
/// keys and the kernel itself; signed-in users join them with the identity work.
public struct Principal: Sendable, Hashable {
    /// The project every read and write of the call is scoped to.
    public let projectID: String
    /// The audit log's name for the caller: `apiKey:<public key>` or `system:<purpose>`.
    public let actor: String
    /// The request that made the call, carried into audit events; nil outside HTTP.
    public var requestID: String?

    /// A caller authenticated by one of the project's API keys.
    public static func apiKey(projectID: String, publicKey: String, requestID: String? = nil) -> Principal {
        Principal(projectID: projectID, actor: "apiKey:\(publicKey)", requestID: requestID)
    }

    /// The holder of a media URL the kernel signed for `projectID`.
    public static func signedURL(projectID: String) -> Principal {
        Principal(projectID: projectID, actor: "signedURL", requestID: nil)
    }

    /// The kernel acting on its own behalf (a CLI command, a scheduled job).
    public static func system(projectID: String, purpose: String) -> Principal {
        Principal(projectID: projectID, actor: "system:\(purpose)", requestID: nil)
    }
}
