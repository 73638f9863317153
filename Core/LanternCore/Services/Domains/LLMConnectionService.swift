import Foundation
import LanternPluginSDK

/// LLM connections: list, upsert by provider (secrets sealed, never returned), delete (pausing the rules that used
/// it) and a test call through the judge plugin.
struct LLMConnectionService: Sendable {
    let kernel: KernelServices

    static let adapters = ["anthropic", "openai", "azure", "bedrock", "google-vertex-ai", "google-ai-studio"]

    /// What a client sends to create or update a connection.
    struct Draft: Sendable {
        var provider: String
        var adapter: String
        var secretKey: String
        var baseURL: String?
        var customModels: [String]?
        var withDefaultModels: Bool?
        var extraHeaders: [String: String]?
        var config: JSONValue?
    }

    private func store() throws -> any EvaluationStore { try kernel.capability((any EvaluationStore).self, "LLM connections") }

    private func box() throws -> SecretBox {
        guard let box = kernel.runtime.secretBox else {
            throw APIError.unavailable("LLM connections need \(SecretBox.environmentKey) set on the server (32 bytes, e.g. `openssl rand -hex 32`) "
                                       + "to encrypt their secret keys")
        }
        return box
    }

    func list(_ principal: Principal, page: PageRequest) async throws -> Page<LLMConnection> {
        try kernel.authorize(principal, .llmConnectionsRead)
        return try await store().llmConnections(projectID: principal.projectID, page: page)
    }

    /// Creates or updates the connection named `draft.provider`; `created` tells which.
    func upsert(_ principal: Principal, _ draft: Draft) async throws -> (connection: LLMConnection, created: Bool) {
        try kernel.authorize(principal, .llmConnectionsWrite)
        try Self.check(draft)
        let store = try store(), box = try box()
        let before = try await store.llmConnection(projectID: principal.projectID, provider: draft.provider)
        let now = Date()
        let headers = draft.extraHeaders ?? [:]
        var connection = LLMConnection(
            id: before?.id ?? Identifiers.random(), projectID: principal.projectID, provider: draft.provider, adapter: draft.adapter,
            sealedSecretKey: try box.seal(draft.secretKey), displaySecretKey: "..." + String(draft.secretKey.suffix(4)),
            baseURL: draft.baseURL, customModels: draft.customModels ?? [], withDefaultModels: draft.withDefaultModels ?? true,
            extraHeaderKeys: headers.keys.sorted(), sealedExtraHeaders: headers.isEmpty ? nil : try box.seal(JSONValue.object(headers.mapValues(JSONValue.string)).jsonText),
            config: draft.config, createdAt: before?.createdAt ?? now, updatedAt: now)
        connection = try await store.saveLLMConnection(connection)
        kernel.audit.record(principal, "llmConnection", connection.id, before == nil ? "created" : "updated",
                            before: before.map(EvaluationPresenters.connection), after: EvaluationPresenters.connection(connection))
        if before != nil { await kernel.evaluationRules.resume(principal, afterFixing: connection.provider) }
        return (connection, before == nil)
    }

    func delete(_ principal: Principal, id: String) async throws {
        try kernel.authorize(principal, .llmConnectionsWrite)
        let store = try store()
        guard let connection = try await store.llmConnection(projectID: principal.projectID, id: id),
              try await store.deleteLLMConnection(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("LLM connection not found: \(id)")
        }
        kernel.audit.record(principal, "llmConnection", id, "deleted", before: EvaluationPresenters.connection(connection))
        try await kernel.evaluationRules.pause(principal, using: connection.provider, reason: "LLM_CONNECTION_MISSING",
                                               message: "The LLM connection '\(connection.provider)' was deleted")
    }

    /// Calls the provider once through the judge plugin; answers what the provider said.
    func test(_ principal: Principal, id: String, model: String?) async throws -> JSONValue {
        try kernel.authorize(principal, .llmConnectionsWrite)
        guard let connection = try await store().llmConnection(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("LLM connection not found: \(id)")
        }
        guard let judge = kernel.runtime.judge else {
            throw APIError.notImplemented("No judge plugin (a component of kind judge) is loaded")
        }
        guard let model = model ?? connection.customModels.first ?? Self.defaultModel(connection.adapter) else {
            throw APIError.badRequest("model: is required for a \(connection.adapter) connection without custom models")
        }
        let opened = try open(connection)
        let started = Date()
        let answer: JSONValue
        do {
            try await withDeadline(seconds: Double(kernel.runtime.config.evaluation.timeoutSeconds) + 1) {
                try await judge.test(opened, model: model, timeoutSeconds: Double(kernel.runtime.config.evaluation.timeoutSeconds))
            }
            answer = ["ok": true, "model": .string(model), "latencyMs": .number((Date().timeIntervalSince(started) * 1000).rounded())]
        } catch let failure as JudgeFailure {
            answer = ["ok": false, "model": .string(model), "status": failure.status.map { .number(Double($0)) } ?? .null, "message": .string(failure.message)]
        } catch {
            answer = ["ok": false, "model": .string(model), "status": .null, "message": .string("\(error)")]
        }
        // A test spends the connection's credit at the provider: who did it is on record.
        kernel.audit.record(principal, "llmConnection", id, "tested", after: answer)
        return answer
    }

    /// The connection with its secrets opened, for a judge call.
    func open(_ connection: LLMConnection) throws -> JudgeConnection {
        let box = try box()
        do {
            var headers: [String: String] = [:]
            if let sealed = connection.sealedExtraHeaders {
                headers = (JSONValue(parsing: try box.open(sealed))?.objectValue ?? [:]).compactMapValues(\.stringValue)
            }
            return JudgeConnection(adapter: connection.adapter, baseURL: connection.baseURL, secretKey: try box.open(connection.sealedSecretKey),
                                   extraHeaders: headers, config: connection.config)
        } catch {
            throw APIError.unavailable("LLM connection '\(connection.provider)': \(error)")
        }
    }

    /// A cheap model to test a connection with, per adapter.
    private static func defaultModel(_ adapter: String) -> String? {
        switch adapter {
        case "openai": "gpt-4o-mini"
        case "anthropic": "claude-3-5-haiku-latest"
        default: nil
        }
    }

    private static func check(_ draft: Draft) throws {
        guard !draft.provider.trimmingCharacters(in: .whitespaces).isEmpty else { throw APIError.badRequest("provider: must not be empty") }
        guard adapters.contains(draft.adapter) else { throw APIError.badRequest("adapter: must be one of \(adapters.joined(separator: ", "))") }
        guard !draft.secretKey.isEmpty else { throw APIError.badRequest("secretKey: must not be empty") }
        if let base = draft.baseURL {
            guard let url = URL(string: base), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw APIError.badRequest("baseURL: must be an absolute http or https URL")
            }
        } else if draft.adapter == "azure" {
            throw APIError.badRequest("baseURL: is required for the azure adapter (https://<resource>.openai.azure.com)")
        }
        switch (draft.adapter, draft.config) {
        case (_, nil), (_, .null?): if draft.adapter == "bedrock" { throw APIError.badRequest("config: bedrock needs {\"region\": \"<aws-region>\"}") }
        case ("bedrock", .object(let object)?) where object.keys.sorted() == ["region"] && object["region"]?.stringValue != nil: break
        case ("openai", .object(let object)?) where object.keys.sorted() == ["useResponsesApi"] && object["useResponsesApi"]?.boolValue != nil: break
        case ("google-vertex-ai", .object(let object)?) where object.keys.sorted() == ["location"] && object["location"]?.stringValue != nil: break
        case ("azure", .object(let object)?) where object.keys.sorted() == ["apiVersion"] && object["apiVersion"]?.stringValue != nil: break
        default:
            throw APIError.badRequest("config: bedrock takes {region}, openai {useResponsesApi}, google-vertex-ai {location}, azure {apiVersion}; "
                                      + "other adapters none")
        }
    }
}
