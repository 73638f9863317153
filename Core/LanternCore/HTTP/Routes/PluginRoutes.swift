import HTTPTypes
import Hummingbird
import LanternPluginSDK
import NIOCore

/// Mounts the routes plugins contribute (receivers and web front ends), translating between Hummingbird and the
/// SDK's plain HTTP values. A handler's thrown error is contained: 503 for ingestion back-pressure, 500 otherwise.
/// Project routes take telemetry in, so their caller needs `events:create`, checked before the plugin sees the
/// request; user routes need a signed-in person (``UserRouteAccess``), whose every call back into the API is checked
/// by the services.
struct PluginRoutes {
    let providers: [(id: String, routes: [PluginRoute])]
    let services: KernelServices

    func register(open router: Router<LanternRequestContext>, authenticated group: RouterGroup<LanternRequestContext>) throws {
        for (id, routes) in providers {
            for route in routes {
                guard route.path.hasPrefix("/") else {
                    throw StartupError(message: "plugin component '\(id)' declares route path '\(route.path)', which does not start with /")
                }
                let method = HTTPRequest.Method(route.method.uppercased())
                guard let method else { throw StartupError(message: "plugin component '\(id)' declares unknown HTTP method \(route.method)") }
                let services = services
                switch route.access {
                case .open:
                    router.on(RouterPath(route.path), method: method) { request, _ in
                        try await Self.call(route, request: request, body: try await JSONResponse.collect(request, limit: route.maxBodyBytes))
                    }
                case .project:
                    guard route.path.hasPrefix("/api/public/") else {
                        throw StartupError(message: "plugin component '\(id)' route \(route.path): project routes must live under /api/public/")
                    }
                    group.on(RouterPath(String(route.path.dropFirst("/api/public".count))), method: method) { request, context in
                        let principal = try context.principal()
                        try services.authorize(principal, .ingest)
                        return try await Self.call(route, request: request, body: try await JSONResponse.collect(request, limit: route.maxBodyBytes),
                                                   projectID: principal.projectID)
                    }
                case .user(let signInPath):
                    guard !route.path.hasPrefix("/api/") else {
                        throw StartupError(message: "plugin component '\(id)' route \(route.path): user routes serve pages, outside /api/")
                    }
                    let access = UserRouteAccess(services: services, signInPath: signInPath)
                    router.on(RouterPath(route.path), method: method) { request, context in
                        let body = try await JSONResponse.collect(request, limit: route.maxBodyBytes)
                        switch try await access.resolve(request, body: body) {
                        case .signedIn(let user): return try await Self.call(route, request: request, body: body, user: user)
                        case .refused(let response): return response
                        }
                    }
                @unknown default:
                    throw StartupError(message: "plugin component '\(id)' route \(route.path) asks for an access level this kernel does not know")
                }
            }
        }
    }

    private static func call(_ route: PluginRoute, request: Request, body: [UInt8], projectID: String? = nil, user: PluginUser? = nil)
        async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        var query: [String: [String]] = [:]
        for (key, value) in request.uri.queryParameters { query[String(key), default: []].append(String(value)) }
        let pluginRequest = PluginRequest(method: request.method.rawValue, path: request.uri.path, query: query,
                                          headers: headers, body: body, projectID: projectID, user: user)
        let reply = try await route.handler(pluginRequest)
        var fields = HTTPFields()
        for (name, value) in reply.headers { if let field = HTTPField.Name(name) { fields[field] = value } }
        if fields[.contentType] == nil, !reply.body.isEmpty { fields[.contentType] = "application/json" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
