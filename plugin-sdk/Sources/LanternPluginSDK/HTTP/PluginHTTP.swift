/// An HTTP route a plugin contributes; the kernel serves it and authenticates it before the handler runs.
public struct PluginRoute: Sendable {
    /// Who may call the route.
    public enum Access: Sendable, Hashable {
        /// Anyone; `PluginRequest.projectID` is nil.
        case open
        /// Basic auth with a project's key pair; `PluginRequest.projectID` is that project.
        case project
        /// A signed-in person (the session cookie); `PluginRequest.user` is them. A state-changing request must
        /// carry the session's CSRF token (header `X-CSRF-Token` or form field `csrfToken`), else 403. Without a
        /// session, a GET is redirected (303) to `signInPath?next=<path>` and anything else is answered 401.
        case user(signInPath: String)
    }

    /// Upper-case method (`POST`).
    public var method: String
    /// Absolute path, e.g. `/api/public/otel/v1/traces`.
    public var path: String
    public var access: Access
    /// Largest accepted body in bytes; larger requests get 413 before the handler runs.
    public var maxBodyBytes: Int
    public var handler: @Sendable (PluginRequest) async throws -> PluginResponse

    /// Declares a route.
    public init(method: String, path: String, access: Access = .project, maxBodyBytes: Int = 16 << 20,
                handler: @escaping @Sendable (PluginRequest) async throws -> PluginResponse) {
        self.method = method
        self.path = path
        self.access = access
        self.maxBodyBytes = maxBodyBytes
        self.handler = handler
    }
}

/// An HTTP request as a plugin sees it: plain values, no server types.
public struct PluginRequest: Sendable {
    public var method: String
    public var path: String
    /// Query parameters; a repeated name has several values.
    public var query: [String: [String]]
    /// Header names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]
    /// The authenticated project, for routes with ``PluginRoute/Access/project``.
    public var projectID: String?
    /// The signed-in person, for routes with ``PluginRoute/Access/user(signInPath:)``.
    public var user: PluginUser?

    /// Creates a request.
    public init(method: String, path: String, query: [String: [String]] = [:], headers: [String: String] = [:], body: [UInt8] = [],
                projectID: String? = nil, user: PluginUser? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.projectID = projectID
        self.user = user
    }
}

/// An HTTP response a plugin returns.
public struct PluginResponse: Sendable {
    public var status: Int
    /// Header names as given; `content-type` defaults to `application/json` when a body is set.
    public var headers: [String: String]
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response from a value.
    public static func json(_ status: Int, _ value: JSONValue, headers: [String: String] = [:]) -> PluginResponse {
        var all = headers
        all["content-type"] = "application/json"
        return PluginResponse(status: status, headers: all, body: Array(value.jsonText.utf8))
    }
}
