import HTTPTypes
import Hummingbird
import LanternPluginSDK
import NIOCore

/// Mounts the routes receiver plugins contribute, translating between Hummingbird and the SDK's plain HTTP values.
/// A handler's thrown error is contained: 503 for ingestion back-pressure, 500 otherwise. Receivers take telemetry
/// in, so a project route's caller needs the `events:create` permission, checked before the plugin sees the request.
struct PluginRoutes {
    let receivers: [(id: String, receiver: any IngestionReceiver)]
    let services: KernelServices

    func register(open router: Router<LanternRequestContext>, authenticated group: RouterGroup<LanternRequestContext>) throws {
        for (id, receiver) in receivers {
            for route in receiver.routes() {
                guard route.path.hasPrefix("/") else {
                    throw StartupError(message: "receiver '\(id)' declares route path '\(route.path)', which does not start with /")
                }
                let method = HTTPRequest.Method(route.method.uppercased())
                guard let method else { throw StartupError(message: "receiver '\(id)' declares unknown HTTP method \(route.method)") }
                let services = services
                let responder: @Sendable (Request, LanternRequestContext) async throws -> Response = { request, context in
                    var projectID: String?
                    if route.access != .open {
                        let principal = try context.principal()
                        try services.authorize(principal, .ingest)
                        projectID = principal.projectID
                    }
                    return try await Self.call(route, request: request, projectID: projectID)
                }
                switch route.access {
                case .open:
                    router.on(RouterPath(route.path), method: method, use: responder)
                default:
                    guard route.path.hasPrefix("/api/public/") else {
                        throw StartupError(message: "receiver '\(id)' route \(route.path): authenticated routes must live under /api/public/")
                    }
                    group.on(RouterPath(String(route.path.dropFirst("/api/public".count))), method: method, use: responder)
                }
            }
        }
    }

    private static func call(_ route: PluginRoute, request: Request, projectID: String?) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        var query: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key), default: []].append(String(value)) }
        let body = try await JSONResponse.collect(request, limit: route.maxBodyBytes)
        let pluginRequest = PluginRequest(method: request.method.rawValue, path: request.uri.path, query: query,
                                          headers: headers, body: body, projectID: projectID)
        let reply = try await route.handler(pluginRequest)
        var fields = HTTPFields()
        for (name, value) in reply.headers { if let field = HTTPField.Name(name) { fields[field] = value } }
        if fields[.contentType] == nil, !reply.body.isEmpty { fields[.contentType] = "application/json" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
