import Hummingbird

/// Per-request state: who the caller is, once authenticated.
public struct LanternRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The project the caller acts on, when it acts on one; set by ``AuthMiddleware``.
    public var projectID: String? { projectCaller?.projectID }
    /// Set by ``AuthMiddleware``: the caller on a project (a project key, or a signed-in user naming a project).
    var projectCaller: Principal?
    /// Set by ``AuthMiddleware``: the caller on an organization (an organization key, or a signed-in member).
    var organizationCaller: OrganizationPrincipal?
    /// Set by ``AuthMiddleware`` for a session cookie.
    var signedIn: SignedInUser?
    /// Why there is no project caller (an organization key, a user naming no project), answered by project routes.
    var projectRefusal: APIError?
    /// Why there is no organization caller (a project key), answered by the admin routes.
    var organizationRefusal: APIError?
    /// Set by ``RequestIDMiddleware``: the id the answer, the log lines and the audit events of this request carry.
    public var requestID: String?
    /// What the handling below the access log learned (the caller's project), shared with the access line.
    let seen = LockedValue(RequestFacts())

    /// The client's IP address (the socket peer), for per-address sign-in throttling.
    public let clientAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The caller on a project, for the project services; the reason it has none otherwise (401 when a route
    /// forgot its auth middleware).
    func principal() throws -> Principal {
        if let projectCaller { return projectCaller }
        throw projectRefusal ?? APIError.unauthorized("No authorization header")
    }

    /// The caller on an organization, for the admin API's services.
    func organizationPrincipal() throws -> OrganizationPrincipal {
        if let organizationCaller { return organizationCaller }
        throw organizationRefusal ?? APIError.unauthorized("No authorization header")
    }
}

/// What a request's handling learned, for its access line: the caller's project.
struct RequestFacts: Sendable {
    var projectID: String?
}
