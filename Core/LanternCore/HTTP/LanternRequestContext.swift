import Hummingbird

/// Per-request state: the project the caller's key belongs to, once authenticated.
public struct LanternRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthMiddleware``.
    public var projectID: String?
    /// The authenticated public key, for audit and logs.
    public var publicKey: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The authenticated project; throws 401 when a route forgot its auth middleware.
    func requireProject() throws -> String {
        guard let projectID else { throw APIError.unauthorized("No authorization header") }
        return projectID
    }

    /// The authenticated caller, for the kernel's services; throws 401 when a route forgot its auth middleware.
    func principal() throws -> Principal {
        guard let projectID, let publicKey else { throw APIError.unauthorized("No authorization header") }
        return .apiKey(projectID: projectID, publicKey: publicKey)
    }
}
