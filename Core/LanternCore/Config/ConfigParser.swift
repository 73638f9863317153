import Foundation
import LanternPluginSDK
import Yams

/// Reads a config file into a ``LanternConfig``, collecting every structural issue with its key path.
///
/// Plugin-level checks (files, component types, settings) follow in ``ComponentAssembly``.
public struct ConfigParser {
    private let environment: [String: String]

    /// Creates a parser that substitutes `${VAR}` from `environment`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Parses the file at `path`; throws ``ConfigError`` listing every issue.
    public func parse(file path: String) throws(ConfigError) -> LanternConfig {
        let absolute = FilePaths.absolute(path)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ConfigError([ConfigIssue(file: path, keyPath: "", message: "cannot read config file (no such file or not readable)")])
        }
        return try parse(text: String(decoding: data, as: UTF8.self), displayPath: path, absolutePath: absolute)
    }

    /// Parses config text as if read from `absolutePath`.
    public func parse(text: String, displayPath: String, absolutePath: String) throws(ConfigError) -> LanternConfig {
        let substituted = EnvironmentSubstitution(environment: environment).apply(to: text, file: displayPath)
        var reader = NodeReader(file: displayPath, issues: substituted.issues)
        var config = LanternConfig(file: absolutePath, directory: FilePaths.directory(of: absolutePath), displayPath: displayPath)
        let root: Node?
        do {
            root = try Yams.compose(yaml: substituted.text)
        } catch {
            throw ConfigError(reader.issues + [ConfigIssue(file: displayPath, keyPath: "", message: "not valid YAML: \(error)")])
        }
        guard let root, let top = reader.mapping(root, at: "") else {
            throw ConfigError(reader.issues + [ConfigIssue(file: displayPath, keyPath: "", message: "the file must be a YAML mapping with at least `version: 1`")])
        }
        reader.rejectUnknownKeys(top, at: "", allowed: ["version", "server", "logging", "metrics", "cost", "pluginDirectories", "plugins", "projects",
                                                          "printSeededKeys", "auth", "init", "evaluation"])
        readVersion(top, &reader)
        if let server = top["server"] { config.server = readServer(server, &reader) }
        if let logging = top["logging"] { config.logging = readLogging(logging, &reader) }
        if let metrics = top["metrics"] { config.metrics = readMetrics(metrics, &reader) }
        if let cost = top["cost"] { config.cost = readCost(cost, directory: config.directory, &reader) }
        if let evaluation = top["evaluation"] { config.evaluation = readEvaluation(evaluation, &reader) }
        if let directories = top["pluginDirectories"] {
            config.pluginDirectories = (reader.strings(directories, at: "pluginDirectories") ?? [])
                .map { FilePaths.resolve($0, against: config.directory) }
        }
        if let plugins = top["plugins"] { config.components = readPlugins(plugins, &reader) }
        if let projects = top["projects"] { config.projects = readProjects(projects, &reader) }
        if let flag = top["printSeededKeys"], let value = reader.boolean(flag, at: "printSeededKeys") { config.printSeededKeys = value }
        if let auth = top["auth"] { config.auth = IdentityConfigReader.auth(auth, &reader) }
        if let initial = top["init"] { config.initial = IdentityConfigReader.initial(initial, &reader) }
        IdentityConfigReader.applyLangfuseInitVariables(environment, to: &config, &reader)
        if !reader.issues.isEmpty { throw ConfigError(reader.issues, partial: config) }
        return config
    }

    private func readVersion(_ top: Node.Mapping, _ reader: inout NodeReader) {
        guard let node = top["version"] else {
            reader.report(nil, at: "version", "is required (write `version: 1`)")
            return
        }
        if node.int != 1 { reader.report(node, at: "version", "must be 1 (got \(node.string ?? "?"))") }
    }

    private func readServer(_ node: Node, _ reader: inout NodeReader) -> LanternConfig.Server {
        var server = LanternConfig.Server()
        guard let map = reader.mapping(node, at: "server") else { return server }
        reader.rejectUnknownKeys(map, at: "server", allowed: ["host", "port", "maxIngestionBodyBytes", "maxJSONBodyBytes",
                                                                  "ingestionQueueEvents", "benchmarkEndpoint", "idleTimeoutSeconds",
                                                                  "maxConnections"])
        if let host = map["host"] { server.host = reader.string(host, at: "server.host") ?? server.host }
        if let port = map["port"], let value = reader.integer(port, at: "server.port", in: 0...65535) { server.port = value }
        if let size = map["maxIngestionBodyBytes"], let value = reader.integer(size, at: "server.maxIngestionBodyBytes", in: 1024...(1 << 30)) {
            server.maxIngestionBodyBytes = value
        }
        if let size = map["maxJSONBodyBytes"], let value = reader.integer(size, at: "server.maxJSONBodyBytes", in: 1024...(1 << 30)) {
            server.maxJSONBodyBytes = value
        }
        if let size = map["ingestionQueueEvents"], let value = reader.integer(size, at: "server.ingestionQueueEvents", in: 100...10_000_000) {
            server.ingestionQueueEvents = value
        }
        if let flag = map["benchmarkEndpoint"], let value = reader.boolean(flag, at: "server.benchmarkEndpoint") {
            server.benchmarkEndpoint = value
        }
        if let node = map["idleTimeoutSeconds"], let value = reader.integer(node, at: "server.idleTimeoutSeconds", in: 1...3600) {
            server.idleTimeoutSeconds = value
        }
        if let node = map["maxConnections"], let value = reader.integer(node, at: "server.maxConnections", in: 1...100_000) {
            server.maxConnections = value
        }
        return server
    }

    private func readLogging(_ node: Node, _ reader: inout NodeReader) -> LanternConfig.Logging {
        var logging = LanternConfig.Logging()
        guard let map = reader.mapping(node, at: "logging") else { return logging }
        reader.rejectUnknownKeys(map, at: "logging", allowed: ["format", "level"])
        if let node = map["format"], let text = reader.string(node, at: "logging.format") {
            if let format = LanternConfig.Logging.Format(rawValue: text) { logging.format = format } else {
                reader.report(node, at: "logging.format", "must be text or json (got \(text))")
            }
        }
        if let node = map["level"], let text = reader.string(node, at: "logging.level") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            if levels.contains(text) { logging.level = text } else {
                reader.report(node, at: "logging.level", "must be one of \(levels.joined(separator: ", ")) (got \(text))")
            }
        }
        return logging
    }

    private func readMetrics(_ node: Node, _ reader: inout NodeReader) -> MetricsQueryLimits {
        var limits = MetricsQueryLimits()
        guard let map = reader.mapping(node, at: "metrics") else { return limits }
        reader.rejectUnknownKeys(map, at: "metrics", allowed: ["maxDimensions", "maxFilters", "maxTimeBuckets"])
        if let node = map["maxDimensions"], let value = reader.integer(node, at: "metrics.maxDimensions", in: 1...100) {
            limits.maxDimensions = value
        }
        if let node = map["maxFilters"], let value = reader.integer(node, at: "metrics.maxFilters", in: 1...1000) {
            limits.maxFilters = value
        }
        if let node = map["maxTimeBuckets"], let value = reader.integer(node, at: "metrics.maxTimeBuckets", in: 1...10_000_000) {
            limits.maxTimeBuckets = value
        }
        return limits
    }

    private func readEvaluation(_ node: Node, _ reader: inout NodeReader) -> EvaluationSettings {
        var settings = EvaluationSettings()
        guard let map = reader.mapping(node, at: "evaluation") else { return settings }
        let integers: [(key: String, range: ClosedRange<Int>, set: (inout EvaluationSettings, Int) -> Void)] = [
            ("concurrency", 1...256, { $0.concurrency = $1 }), ("leaseSeconds", 1...86_400, { $0.leaseSeconds = $1 }),
            ("pollMilliseconds", 10...60_000, { $0.pollMilliseconds = $1 }), ("timeoutSeconds", 1...3600, { $0.timeoutSeconds = $1 }),
            ("maxAttempts", 1...20, { $0.maxAttempts = $1 }), ("retryBaseSeconds", 1...3600, { $0.retryBaseSeconds = $1 }),
            ("pauseAfterFailures", 1...10_000, { $0.pauseAfterFailures = $1 }),
            ("maxExecutionsPerRulePerHour", 1...10_000_000, { $0.maxExecutionsPerRulePerHour = $1 }),
            ("settleMilliseconds", 0...3_600_000, { $0.settleMilliseconds = $1 }),
        ]
        reader.rejectUnknownKeys(map, at: "evaluation", allowed: integers.map(\.key) + ["defaultModel"])
        for entry in integers {
            if let node = map[entry.key], let value = reader.integer(node, at: "evaluation.\(entry.key)", in: entry.range) { entry.set(&settings, value) }
        }
        if let node = map["defaultModel"], let model = reader.mapping(node, at: "evaluation.defaultModel") {
            reader.rejectUnknownKeys(model, at: "evaluation.defaultModel", allowed: ["provider", "model"])
            let provider = model["provider"].flatMap { reader.string($0, at: "evaluation.defaultModel.provider") }
            let name = model["model"].flatMap { reader.string($0, at: "evaluation.defaultModel.model") }
            if let provider, let name {
                settings.defaultModel = EvaluationSettings.DefaultModel(provider: provider, model: name)
            } else {
                reader.report(node, at: "evaluation.defaultModel", "needs both provider (an LLM connection's name) and model")
            }
        }
        return settings
    }

    private func readCost(_ node: Node, directory: String, _ reader: inout NodeReader) -> LanternConfig.Cost {
        var cost = LanternConfig.Cost()
        guard let map = reader.mapping(node, at: "cost") else { return cost }
        reader.rejectUnknownKeys(map, at: "cost", allowed: ["modelPrices", "tokenizers"])
        if let path = map["modelPrices"].flatMap({ reader.string($0, at: "cost.modelPrices") }) {
            cost.modelPrices = FilePaths.resolve(path, against: directory)
        }
        if let path = map["tokenizers"].flatMap({ reader.string($0, at: "cost.tokenizers") }) {
            cost.tokenizers = FilePaths.resolve(path, against: directory)
        }
        return cost
    }

    private func readPlugins(_ node: Node, _ reader: inout NodeReader) -> [LanternConfig.ComponentEntry] {
        if case .scalar = node, node.null != nil { return [] }
        guard let map = reader.mapping(node, at: "plugins") else { return [] }
        var entries: [LanternConfig.ComponentEntry] = []
        for (keyNode, value) in map {
            guard let id = keyNode.string, !id.isEmpty else { continue }
            let path = "plugins.\(id)"
            guard let entryMap = reader.mapping(value, at: path) else { continue }
            reader.rejectUnknownKeys(entryMap, at: path, allowed: ["load", "component", "settings"])
            guard let loadNode = entryMap["load"] else {
                reader.report(value, at: "\(path).load", "is required: a plugin name (e.g. SQLiteStorage) or a path to a .so file")
                continue
            }
            guard let load = reader.string(loadNode, at: "\(path).load") else { continue }
            let component = entryMap["component"].flatMap { reader.string($0, at: "\(path).component") }
            var settings: [String: JSONValue] = [:]
            if let settingsNode = entryMap["settings"], settingsNode.null == nil {
                if case .object(let object) = reader.json(settingsNode, at: "\(path).settings") { settings = object } else {
                    reader.report(settingsNode, at: "\(path).settings", "must be a mapping")
                }
            }
            entries.append(LanternConfig.ComponentEntry(id: id, load: load, component: component, settings: settings,
                                                        line: value.mark.map { $0.line }, column: value.mark.map { $0.column }))
        }
        return entries
    }

    private func readProjects(_ node: Node, _ reader: inout NodeReader) -> [LanternConfig.ProjectSeed] {
        guard case .sequence(let items) = node else {
            reader.report(node, at: "projects", "must be a list of projects")
            return []
        }
        var seeds: [LanternConfig.ProjectSeed] = []
        for (index, item) in items.enumerated() {
            let path = "projects[\(index)]"
            guard let map = reader.mapping(item, at: path) else { continue }
            reader.rejectUnknownKeys(map, at: path, allowed: ["id", "name", "publicKey", "secretKey"])
            guard let name = map["name"].flatMap({ reader.string($0, at: "\(path).name") }), !name.isEmpty else {
                reader.report(item, at: "\(path).name", "is required")
                continue
            }
            let publicKey = map["publicKey"].flatMap { reader.string($0, at: "\(path).publicKey") }
            let secretKey = map["secretKey"].flatMap { reader.string($0, at: "\(path).secretKey") }
            if (publicKey == nil) != (secretKey == nil) {
                reader.report(item, at: path, "publicKey and secretKey go together: give both or neither")
            } else if let publicKey, !publicKey.hasPrefix("pk-lf-") {
                reader.report(map["publicKey"], at: "\(path).publicKey", "must start with pk-lf-")
            } else if let secretKey, !secretKey.hasPrefix("sk-lf-") {
                reader.report(map["secretKey"], at: "\(path).secretKey", "must start with sk-lf-")
            }
            let id = map["id"].flatMap { reader.string($0, at: "\(path).id") }
            seeds.append(LanternConfig.ProjectSeed(id: id, name: name, publicKey: publicKey, secretKey: secretKey))
        }
        return seeds
    }
}
