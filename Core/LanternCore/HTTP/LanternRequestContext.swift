import Hummingbird

/// Per-request state: the project the caller's key belongs to, once authenticated.
public struct LanternRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by ``AuthMiddleware``.
    public var projectID: String?
    /// The authenticated public key, for audit and logs.
    public var publicKey: String?
    /// Set by ``RequestIDMiddleware``: the id the answer, the log lines and the audit events of this request carry.
    public var requestID: String?
    /// What the handling below the access log learned (the caller's project), shared with the access line.
    let seen = LockedValue(RequestFacts())

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// The authenticated caller, for the kernel's services; throws 401 when a route forgot its auth middleware.
    func principal() throws -> Principal {
        guard let projectID, let publicKey else { throw APIError.unauthorized("No authorization header") }
        return .apiKey(projectID: projectID, publicKey: publicKey, requestID: requestID)
    }
}

/// What a request's handling learned, for its access line: the caller's project.
struct RequestFacts: Sendable {
    var projectID: String?
}
