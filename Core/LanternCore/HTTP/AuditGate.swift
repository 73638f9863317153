import Hummingbird
import LanternPluginSDK

/// With a fail-closed audit log loaded, refuses an audited mutation (503, nothing applied) while the log cannot take
/// records. Telemetry ingestion is data at volume, not audited record by record, and is never gated.
struct AuditGate: RouterMiddleware {
    typealias Context = LanternRequestContext
    let services: KernelServices

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.isAudited(request) { try await services.auditLogs.ensureWritable() }
        return try await next(request, context)
    }

    /// Whether the request is a mutation with an audit record: not a read, and not telemetry (events, OTLP spans,
    /// client scores, media).
    static func isAudited(_ request: Request) -> Bool {
        guard ![.get, .head, .options].contains(request.method) else { return false }
        let path = request.uri.path
        if path.hasPrefix("/api/public/otel/") || path.hasPrefix("/api/public/media") { return false }
        return !(request.method == .post && ["/api/public/ingestion", "/api/public/scores"].contains(path))
    }
}
