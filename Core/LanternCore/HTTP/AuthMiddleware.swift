import Foundation
import HTTPTypes
import Hummingbird
import LanternPluginSDK

/// Authenticates every `/api/public` request: Basic auth with a key pair (contract §1), or a session cookie of a
/// signed-in user. A project key makes a project caller; an organization key makes an organization caller; a user
/// acts on the project named by `x-langfuse-project-id` and on the organization named by
/// `x-langfuse-organization-id` (or their only one). What a caller may do is the services' check, not this one's.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LanternRequestContext
    static let projectHeader = HTTPField.Name("x-langfuse-project-id")!
    static let organizationHeader = HTTPField.Name("x-langfuse-organization-id")!
    static let csrfHeader = HTTPField.Name("x-csrf-token")!

    let services: KernelServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            if let header = request.headers[.authorization] {
                try await authenticateKey(header, &context)
            } else if let token = SessionTokens.token(inCookieHeader: request.headers[.cookie]) {
                try await authenticateSession(token, request, &context)
            } else {
                throw APIError.unauthorized("No authorization header")
            }
        } catch StorageError.unavailable(let why) {
            throw APIError.unavailable("Storage unavailable: \(why)")
        }
        let client = Self.clientAddress(request, context), agent = request.headers[.userAgent]
        context.projectCaller?.clientAddress = client
        context.projectCaller?.userAgent = agent
        context.organizationCaller?.clientAddress = client
        context.organizationCaller?.userAgent = agent
        let projectID = context.projectID
        context.seen.withLock { $0.projectID = projectID }
        return try await next(request, context)
    }

    private func authenticateKey(_ header: String, _ context: inout Context) async throws {
        guard let (publicKey, secretKey) = Self.basicCredentials(header) else { throw APIError.unauthorized("Invalid authorization header") }
        guard let key = try await services.access.key(publicKey: publicKey, secretKey: secretKey) else {
            throw APIError.unauthorized("Invalid credentials. Confirm that you've configured the correct host.")
        }
        if let projectID = key.projectID {
            context.projectCaller = .apiKey(projectID: projectID, publicKey: publicKey, requestID: context.requestID)
            context.organizationRefusal = APIError.forbidden("Invalid API key. Organization-scoped API key required for this operation.")
        } else {
            context.organizationCaller = .apiKey(organizationID: key.organizationID, publicKey: publicKey, requestID: context.requestID)
            context.projectRefusal = APIError.forbidden("Project ID not found for API token. Are you using an organization key?")
        }
    }

    private func authenticateSession(_ token: String, _ request: Request, _ context: inout Context) async throws {
        let changesState = ![.get, .head, .options].contains(request.method)
        let signedIn = try await services.access.signedIn(token: token, csrfToken: request.headers[Self.csrfHeader], changesState: changesState)
        context.signedIn = signedIn
        if let projectID = request.headers[Self.projectHeader] {
            let caller = try await services.access.principal(signedIn, projectID: projectID, requestID: context.requestID)
            // A person with no role in the project is refused before any route reads the request.
            guard caller.role != .none else { throw APIError.forbidden("Access denied: \(caller.actor) has no role in project \(projectID)") }
            context.projectCaller = caller
        } else {
            context.projectRefusal = APIError.badRequest("x-langfuse-project-id: a signed-in user must name the project this request is for")
        }
        context.organizationCaller = try await services.access.organizationPrincipal(
            signedIn, organizationID: request.headers[Self.organizationHeader], requestID: context.requestID)
        if let caller = context.organizationCaller, caller.role == .none {
            context.organizationCaller = nil
            context.organizationRefusal = APIError.forbidden("Access denied: \(caller.actor) has no role in organization \(caller.organizationID)")
        } else if context.organizationCaller == nil {
            context.organizationRefusal = APIError.badRequest("x-langfuse-organization-id: name the organization this request is for")
        }
    }

    /// The caller's address for audit events: the first `X-Forwarded-For` hop a proxy reports, else the socket peer.
    static func clientAddress(_ request: Request, _ context: Context) -> String {
        let forwarded = HTTPField.Name("x-forwarded-for").flatMap { request.headers[$0] }?
            .split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.flatMap { $0.isEmpty ? nil : String($0.prefix(64)) } ?? context.clientAddress
    }

    /// The (user, password) of a `Basic` header, both non-empty; nil otherwise.
    static func basicCredentials(_ header: String) -> (String, String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic",
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8) else { return nil }
        let pair = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else { return nil }
        return (pair[0], pair[1])
    }
}
