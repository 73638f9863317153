import Foundation
import HTTPTypes
import Hummingbird
import LanternPluginSDK
import Logging
import NIOCore
import NIOEmbedded

/// The kernel's public API called in-process as a signed-in person (``KernelAPI`` for web front ends): the call goes
/// through the same router, middleware and services as an HTTP request with the person's session cookie, so their
/// role is checked in one place. The router is attached once it is built.
final class InProcessAPI: KernelAPI {
    private let responder = LockedValue<RouterResponder<LanternRequestContext>?>(nil)
    private let logger = Logger(label: "lantern.in-process-api")

    /// Serves calls with `router`'s routes.
    func attach(_ router: Router<LanternRequestContext>) { responder.withLock { $0 = router.buildResponder() } }

    func send(_ call: KernelAPIRequest, as user: PluginUser) async throws -> KernelAPIResponse {
        guard let responder = responder.value else { throw APIError.unavailable("The API is not serving yet") }
        guard call.path.hasPrefix("/api/public/") else { throw APIError.badRequest("in-process calls reach /api/public/ routes only") }
        var components = URLComponents()
        components.path = call.path
        if !call.query.isEmpty { components.queryItems = call.query.map { URLQueryItem(name: $0.name, value: $0.value) } }
        var head = HTTPRequest(method: HTTPRequest.Method(call.method) ?? .get, scheme: "http", authority: "lantern.internal",
                               path: components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? ""))
        head.headerFields[.cookie] = "\(SessionTokens.cookieName)=\(user.credential)"
        head.headerFields[AuthMiddleware.csrfHeader] = user.csrfToken
        head.headerFields[.contentType] = "application/json"
        if let projectID = call.projectID { head.headerFields[AuthMiddleware.projectHeader] = projectID }
        if let organizationID = call.organizationID { head.headerFields[AuthMiddleware.organizationHeader] = organizationID }
        let request = Request(head: head, body: .init(buffer: ByteBuffer(bytes: call.body)))
        let context = LanternRequestContext(source: .init(channel: EmbeddedChannel(), logger: logger))
        let response = try await responder.respond(to: request, context: context)
        var collector = BodyCollector()
        try await response.body.write(collector.writer)
        return KernelAPIResponse(status: Int(response.status.code), body: collector.bytes.value)
    }
}

/// Collects a response body written by Hummingbird.
private struct BodyCollector {
    let bytes = LockedValue<[UInt8]>([])

    var writer: Writer { Writer(bytes: bytes) }

    struct Writer: ResponseBodyWriter {
        let bytes: LockedValue<[UInt8]>

        mutating func write(_ buffer: ByteBuffer) async throws {
            let chunk = Array(buffer.readableBytesView)
            bytes.withLock { $0 += chunk }
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
