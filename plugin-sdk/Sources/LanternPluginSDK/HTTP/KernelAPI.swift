import Foundation

/// A signed-in person as a plugin's user route sees them: who they are, where they belong with which role, and the
/// opaque credential that lets the plugin call the kernel's API as them.
public struct PluginUser: Sendable, Hashable {
    /// A project the person can open, with their effective role there.
    public struct ProjectAccess: Sendable, Hashable {
        public var id: String
        public var name: String
        public var organizationID: String
        /// `OWNER`, `ADMIN`, `MEMBER` or `VIEWER`.
        public var role: String

        public init(id: String, name: String, organizationID: String, role: String) {
            self.id = id
            self.name = name
            self.organizationID = organizationID
            self.role = role
        }
    }

    /// An organization the person belongs to, with their role there.
    public struct OrganizationAccess: Sendable, Hashable {
        public var id: String
        public var name: String
        public var role: String

        public init(id: String, name: String, role: String) {
            self.id = id
            self.name = name
            self.role = role
        }
    }

    public var id: String
    public var email: String
    public var name: String
    /// The token a form or request that changes anything must echo (form field `csrfToken` or `X-CSRF-Token`).
    public var csrfToken: String
    /// Pass back to ``KernelAPI/send(_:as:)``; never show or log it.
    public var credential: String
    public var organizations: [OrganizationAccess]
    public var projects: [ProjectAccess]

    public init(id: String, email: String, name: String, csrfToken: String, credential: String, organizations: [OrganizationAccess],
                projects: [ProjectAccess]) {
        self.id = id
        self.email = email
        self.name = name
        self.csrfToken = csrfToken
        self.credential = credential
        self.organizations = organizations
        self.projects = projects
    }
}

/// One call of the kernel's public HTTP API (`/api/public/…`), made in-process.
public struct KernelAPIRequest: Sendable {
    public var method: String
    /// The path, starting `/api/public/`.
    public var path: String
    /// Query parameters in order; a name may repeat.
    public var query: [(name: String, value: String)]
    /// A JSON body, or empty.
    public var body: [UInt8]
    /// The project a project route acts on (sent as `x-langfuse-project-id`).
    public var projectID: String?
    /// The organization an admin route acts on (sent as `x-langfuse-organization-id`).
    public var organizationID: String?

    public init(method: String = "GET", path: String, query: [(name: String, value: String)] = [], body: [UInt8] = [],
                projectID: String? = nil, organizationID: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.projectID = projectID
        self.organizationID = organizationID
    }
}

/// The kernel API's answer: the status and the body (JSON for every `/api/public/` route).
public struct KernelAPIResponse: Sendable {
    public var status: Int
    public var body: [UInt8]

    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    /// The body parsed as JSON, or nil when it is not.
    public var json: JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(body)) }
}

/// The kernel's public API, callable in-process as a signed-in person. The kernel authenticates the call with the
/// person's session and checks their role in its services exactly as for an HTTP request, so a plugin sees and
/// changes only what the person may.
public protocol KernelAPI: Sendable {
    func send(_ request: KernelAPIRequest, as user: PluginUser) async throws -> KernelAPIResponse
}

/// A component that serves pages to people: a web UI. Its routes are mounted like a receiver's.
public protocol WebFrontend: Component {
    /// The routes this front end serves, mounted by the kernel at start.
    func routes() -> [PluginRoute]
}
