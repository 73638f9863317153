import Foundation
import Hummingbird
import LanternPluginSDK

/// Basic auth with a project's public key as user and secret key as password (contract §1);
/// sets the request's project, so every query below is scoped to it.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = LanternRequestContext
    let keys: APIKeys?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized("No authorization header") }
        guard let (publicKey, secretKey) = Self.basicCredentials(header) else { throw APIError.unauthorized("Invalid authorization header") }
        guard let keys else { throw APIError.unavailable("No storage plugin is configured, so no API key can be checked") }
        let projectID: String?
        do { projectID = try await keys.authenticate(publicKey: publicKey, secretKey: secretKey) } catch {
            if case StorageError.unavailable(let why) = error { throw APIError.unavailable("Storage unavailable: \(why)") }
            throw APIError.unavailable("Storage unavailable: \(error)")
        }
        guard let projectID else { throw APIError.unauthorized("Invalid credentials. Confirm that you've configured the correct host.") }
        var context = context
        context.projectID = projectID
        context.publicKey = publicKey
        context.seen.withLock { $0.projectID = projectID }
        return try await next(request, context)
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
