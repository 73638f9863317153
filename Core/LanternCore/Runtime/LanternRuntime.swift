import Foundation
import LanternPluginSDK
import Logging

/// Why the runtime could not start: the component at fault and its error.
public struct StartupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Everything a running Lantern holds: the config, the components made from it, the ingestion
/// pipeline and the post-commit services. The kernel names no plugin: it works with whatever the
/// config loaded, by kind, through SDK protocols.
public final class LanternRuntime: Sendable {
    public let config: LanternConfig
    public let components: [ConfiguredComponent]
    public let storage: (any StorageBackend)?
    public let pipeline: IngestionPipeline
    /// The model definitions generations are priced with.
    let models: ModelCatalog
    let receivers: [(id: String, receiver: any IngestionReceiver)]
    /// Web front ends (a UI), whose routes are mounted like receivers'.
    let webFrontends: [(id: String, frontend: any WebFrontend)]
    /// The public API called in-process by web front ends as a signed-in person.
    let inProcessAPI = InProcessAPI()
    /// Turns committed batches into evaluation jobs and runs them.
    let evaluations: EvaluationScheduler
    /// Back-fills of rules over past data running on this server.
    let backfills = EvaluationBackfills()
    /// The judge plugin, for `llm_as_judge` evaluators.
    let judge: (any JudgeRunner)?
    /// Evaluator plugins, which rules name as evaluators of type `plugin`.
    let pluginEvaluators: [(id: String, evaluator: any Evaluator)]
    /// Seals the secrets of LLM connections; nil without `LANTERN_ENCRYPTION_KEY`.
    let secretBox: SecretBox?
    /// The HTTP client lent to plugins.
    let http = KernelHTTPClient()
    /// Processors that also see data stored outside ingestion events.
    let recordProcessors: [(id: String, processor: any RecordProcessor)]
    /// Audit sinks that keep their own readable, verifiable log.
    let auditLogs: [(id: String, log: any AuditLog)]
    /// Counters plugins report, served on `/metrics`.
    let pluginCounters = PluginCounters()
    private let exports: DeliveryQueues<ExportItem>
    private let audits: DeliveryQueues<AuditEvent>
    private let started = LockedValue<[ConfiguredComponent]>([])
    /// Failed sign-in counts and throttled last-used writes: the identity services' state that outlives a request.
    let identityState: IdentityState
    /// Deleted projects whose data is being removed.
    let projectDeletions = ProjectDeletions()
    let logger = Logger(label: "lantern.runtime")
    /// How long shutdown waits for exporters, audit sinks and evaluators to take what is queued.
    let drainDeadline: Duration = .seconds(10)

    /// Parses the config, loads its plugins and makes every component, without starting anything.
    /// Throws ``ConfigError`` with every issue found.
    public static func prepare(configPath: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                               loader: PluginLoader = PluginLoader()) throws(ConfigError) -> LanternRuntime {
        let config: LanternConfig
        var issues: [ConfigIssue] = []
        do {
            config = try ConfigParser(environment: environment).parse(file: configPath)
        } catch {
            guard let partial = error.partial else { throw error }
            config = partial
            issues = error.issues
        }
        do throws(ConfigError) {
            let components = try ComponentAssembly(config: config, loader: loader, locator: PluginLocator(config: config, environment: environment)).assemble()
            if !issues.isEmpty { throw ConfigError(issues) }
            return try LanternRuntime(config: config, components: components, environment: environment)
        } catch {
            throw ConfigError(issues + error.issues)
        }
    }

    init(config: LanternConfig, components: [ConfiguredComponent],
         environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) {
        self.config = config
        self.components = components
        var issues: [ConfigIssue] = []
        func typed<T>(_ kind: ComponentKind, as type: T.Type, named protocolName: String) -> [(id: String, value: T)] {
            components.filter { $0.kind == kind }.compactMap { entry in
                if let value = entry.component as? T { return (entry.id, value) }
                issues.append(ConfigIssue(file: config.displayPath, keyPath: "plugins.\(entry.id)",
                                          message: "component \(entry.factory.type) from \(entry.plugin.path) declares kind \(kind) but does not conform to \(protocolName)"))
                return nil
            }
        }
        storage = typed(.storage, as: (any StorageBackend).self, named: "StorageBackend").first?.value
        receivers = typed(.receiver, as: (any IngestionReceiver).self, named: "IngestionReceiver").map { ($0.id, $0.value) }
        webFrontends = typed(.web, as: (any WebFrontend).self, named: "WebFrontend").map { ($0.id, $0.value) }
        let processors = typed(.processor, as: (any IngestionProcessor).self, named: "IngestionProcessor").map { ($0.id, $0.value) }
        recordProcessors = processors.compactMap { entry in (entry.1 as? any RecordProcessor).map { (entry.0, $0) } }
        pluginEvaluators = typed(.evaluator, as: (any Evaluator).self, named: "Evaluator").map { ($0.id, $0.value) }
        let judges = typed(.judge, as: (any JudgeRunner).self, named: "JudgeRunner")
        if judges.count > 1 {
            issues.append(ConfigIssue(file: config.displayPath, keyPath: "plugins.\(judges[1].id)", message: "only one judge plugin may be loaded"))
        }
        judge = judges.first?.value
        do { secretBox = try SecretBox.fromEnvironment(environment) } catch {
            secretBox = nil
            issues.append(ConfigIssue(file: config.displayPath, keyPath: "(environment) \(SecretBox.environmentKey)", message: error.description))
        }
        evaluations = EvaluationScheduler(settings: config.evaluation, isActive: judge != nil || !pluginEvaluators.isEmpty)
        exports = .exporters(typed(.exporter, as: (any Exporter).self, named: "Exporter"), logger: Logger(label: "lantern.export"))
        let auditSinks = typed(.auditSink, as: (any AuditSink).self, named: "AuditSink")
        auditLogs = auditSinks.compactMap { entry in (entry.value as? any AuditLog).map { (entry.id, $0) } }
        audits = .auditSinks(auditSinks, logger: Logger(label: "lantern.audit"))
        models = Self.modelCatalog(config, issues: &issues)
        identityState = IdentityState(config.auth)
        if !issues.isEmpty { throw ConfigError(issues) }
        let evaluations = evaluations, exports = exports
        // Without exporters or evaluators no one reads committed batches, and the pipeline does not build them.
        var onCommit: (@Sendable (CommittedBatch) -> Void)?
        if !exports.isEmpty || evaluations.isActive {
            onCommit = { batch in
                exports.dispatch(.batch(batch))
                evaluations.schedule(batch)
            }
        }
        pipeline = IngestionPipeline(storage: storage, processors: processors, models: models,
                                     queueCapacityEvents: config.server.ingestionQueueEvents, onCommit: onCommit)
    }

    /// The built-in price table (when the config names one or `model-prices.json` lies beside it) and the tokenizers.
    private static func modelCatalog(_ config: LanternConfig, issues: inout [ConfigIssue]) -> ModelCatalog {
        let prices = config.modelPricesFile
        var builtIns: [ModelDefinition] = []
        if prices.named || FileManager.default.fileExists(atPath: prices.path) {
            do { builtIns = try ModelPriceTable.load(path: prices.path) } catch {
                issues += error.problems.map { ConfigIssue(file: config.displayPath, keyPath: "cost.modelPrices", message: $0) }
            }
        }
        let tokenizers = config.tokenizerDirectory
        var isDirectory: ObjCBool = false
        let found = FileManager.default.fileExists(atPath: tokenizers, isDirectory: &isDirectory) && isDirectory.boolValue
        if config.cost.tokenizers != nil, !found {
            issues.append(ConfigIssue(file: config.displayPath, keyPath: "cost.tokenizers", message: "\(tokenizers) is not a folder"))
        }
        return ModelCatalog(builtIns: builtIns, tokenizers: found ? TokenizerRegistry(directory: URL(fileURLWithPath: tokenizers)) : nil)
    }

    /// Queues an audit record for every audit sink (``AuditTrail`` is the only caller).
    func dispatchAudit(_ event: AuditEvent) { audits.dispatch(event) }

    /// Queues a managed resource's change for every exporter (``AuditTrail`` is the only caller).
    func dispatchChange(_ change: ChangeEvent) { exports.dispatch(.change(change)) }

    /// The kernel's services over this runtime: what every front end calls.
    public var services: KernelServices { KernelServices(runtime: self) }

    /// A host for a one-off use of a component outside ``start()`` (CLI commands).
    public func pluginHost(for purpose: String) -> any PluginHost {
        KernelPluginHost(componentID: purpose, ingestion: pipeline, http: http, counters: pluginCounters)
    }

    /// Starts storage (and migrates it), seeds projects, then starts every other component. The work that runs for
    /// the life of the server (storage writers, deliveries to plugins, model refresh) is ``LanternRuntimeService``'s.
    /// On a failure, stops what was started and throws a ``StartupError`` naming the component.
    public func start() async throws {
        let ordered = components.sorted { rank($0.kind) < rank($1.kind) }
        for entry in ordered {
            do {
                let host = KernelPluginHost(componentID: entry.id, ingestion: pipeline, api: entry.kind == .web ? inProcessAPI : nil, http: http,
                                            counters: pluginCounters)
                try await withDeadline(seconds: 30) { try await entry.component.start(host: host) }
                started.withLock { $0.append(entry) }
                if entry.kind == .storage, let storage {
                    try await storage.migrate()
                    try await services.seeder.seed(config)
                    if let store = storage as? any ModelStore { try await models.refresh(from: store) }
                }
            } catch {
                await shutdown()
                throw StartupError(message: "component '\(entry.id)' (\(entry.factory.type) from \(entry.plugin.path)) failed to start: \(error)")
            }
        }
        do { try await checkEncryptionKey() } catch {
            await shutdown()
            throw error
        }
    }

    /// Stops the components in reverse start order. Idempotent. ``LanternRuntimeService`` calls it last, after intake
    /// stopped and queued work drained; commands that never ran the service call it directly.
    public func shutdown() async {
        let toStop = started.withLock { list in let all = list; list = []; return all }
        for entry in toStop.reversed() { await entry.component.shutdown() }
    }

    /// Refuses to start when LLM connections exist but their secrets cannot be opened: the key is missing or another.
    private func checkEncryptionKey() async throws {
        guard let store = storage as? any EvaluationStore, let connection = try await store.anyLLMConnection() else { return }
        guard let secretBox else {
            throw StartupError(message: "LLM connections are stored, but \(SecretBox.environmentKey) is not set; set it to the key they were saved with")
        }
        do { _ = try secretBox.open(connection.sealedSecretKey) } catch {
            throw StartupError(message: "\(SecretBox.environmentKey) does not open the stored LLM connection '\(connection.provider)': \(error)")
        }
    }

    /// Runs the deliveries to evaluators, exporters and audit sinks until ``finishDeliveries()`` and drained.
    func runDeliveries() async {
        let evaluations = evaluations, exports = exports, audits = audits, storage = storage
        await withTaskGroup(of: Void.self) { group in
            if storage != nil { group.addTask { await evaluations.run(runtime: self) } }
            group.addTask { await exports.run() }
            group.addTask { await audits.run() }
        }
    }

    /// Ends intake of the delivery queues; ``runDeliveries()`` returns once they are drained.
    func finishDeliveries() {
        evaluations.finish()
        exports.finish()
        audits.finish()
    }

    /// Re-reads the project model definitions from storage every ``ModelCatalog/refreshInterval`` until cancelled,
    /// so several servers on one database converge on each other's models API changes.
    func refreshModels() async {
        guard let store = storage as? any ModelStore else { return }
        while !Task.isCancelled {
            do { try await Task.sleep(for: models.refreshInterval) } catch { return }
            do { try await models.refresh(from: store) } catch {
                logger.warning("model definitions could not be re-read", metadata: ["error": "\(error)"])
            }
        }
    }

    private func rank(_ kind: ComponentKind) -> Int {
        switch kind {
        case .storage: 0
        case .receiver, .web: 9
        default: 5
        }
    }
}
