import Hummingbird
import LanternPluginSDK
import Logging

/// Builds the HTTP application: health (open), the authenticated public API, and plugin routes.
public enum LanternServer {
    /// The router with every route of the kernel and of the runtime's receivers.
    public static func router(for runtime: LanternRuntime) throws -> Router<LanternRequestContext> {
        let router = Router(context: LanternRequestContext.self)
        router.add(middleware: RequestIDMiddleware(logger: Logger(label: "lantern.access")))
        router.add(middleware: CORSMiddleware(allowOrigin: .all, allowHeaders: [.authorization, .contentType, .contentEncoding,
                                                                                      AuthMiddleware.projectHeader, AuthMiddleware.organizationHeader],
                                              allowMethods: [.get, .post, .put, .patch, .delete, .options]))
        let routes = RouteTable()
        router.add(middleware: ErrorMiddleware(routes: routes))
        let support = RouteSupport(runtime: runtime)
        HealthRoutes(support: support).register(on: router)
        MetricsRoutes(support: support).register(on: router)
        if runtime.config.server.benchmarkEndpoint { BenchmarkRoutes().register(on: router) }
        let api = router.group("/api/public").add(middleware: AuthMiddleware(services: runtime.services))
            .add(middleware: AuditGate(services: runtime.services))
        ProjectRoutes(support: support).register(on: api)
        IngestionRoutes(support: support, maxBodyBytes: runtime.config.server.maxIngestionBodyBytes).register(on: api)
        TraceRoutes(support: support).register(on: api)
        ObservationRoutes(support: support).register(on: api)
        ObservationV2Routes(support: support).register(on: api)
        SessionRoutes(support: support).register(on: api)
        let jsonLimit = runtime.config.server.maxJSONBodyBytes
        ScoreRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        ScoreQueryRoutes(support: support).register(on: api)
        ScoreV3Routes(support: support).register(on: api)
        ScoreConfigRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        CommentRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        AnnotationQueueRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        PromptRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        DatasetRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        DatasetRunRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        ExperimentRoutes(support: support).register(on: api)
        ModelRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        LLMConnectionRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        EvaluatorRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        EvaluationRuleRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        MetricsQueryRoutes(support: support).register(on: api)
        AdminProjectRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        OrganizationRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        AuditLogRoutes(support: support).register(on: api)
        SCIMRoutes(support: support, maxBodyBytes: jsonLimit).register(on: api)
        SignInRoutes(support: support, maxBodyBytes: jsonLimit).register(on: router)
        MediaRoutes(support: support, signer: .random()).register(open: router, authenticated: api)
        let providers = runtime.receivers.map { ($0.id, $0.receiver.routes()) } + runtime.webFrontends.map { ($0.id, $0.frontend.routes()) }
        try PluginRoutes(providers: providers, services: runtime.services).register(open: router, authenticated: api)
        routes.load(router.routes.map { ("\($0.path)", "\($0.method)") })
        runtime.inProcessAPI.attach(router)
        return router
    }

    /// The application listening where the config says; `onRunning` gets the bound port.
    public static func application(for runtime: LanternRuntime, onRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        throws -> some ApplicationProtocol {
        let server = runtime.config.server
        var logger = Logger(label: "lantern.http")
        logger.logLevel = .warning
        // Idle connections (a client that stopped mid-header included) are closed, and accepting pauses at the cap,
        // so a few clients cannot hold every file descriptor.
        return Application(router: try router(for: runtime),
                           server: .http1(configuration: .init(idleTimeout: .seconds(Int64(server.idleTimeoutSeconds)))),
                           configuration: .init(address: .hostname(server.host, port: server.port), serverName: "lantern",
                                                availableConnectionsDelegate: .maximum(server.maxConnections, logger: logger)),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? server.port) },
                           logger: logger)
    }
}
