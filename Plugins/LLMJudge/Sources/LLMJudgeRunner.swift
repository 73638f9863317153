import LanternPluginSDK
import Synchronization

/// The `llm-judge` component: judges with the project's LLM connection through the kernel's HTTP client, and ships
/// the built-in evaluator templates. It keeps no state between judgments besides the host.
final class LLMJudgeRunner: JudgeRunner {
    /// The `max_tokens` sent when a judgment's model parameters set none.
    let maxOutputTokens: Int
    /// Set by `start`, cleared by `shutdown`; read by judgments on any task, hence the lock.
    private let host = Mutex<(any PluginHost)?>(nil)

    /// A judge whose default answer length is `maxOutputTokens`.
    init(maxOutputTokens: Int) {
        self.maxOutputTokens = maxOutputTokens
    }

    var templates: [JudgeTemplate] { BuiltInTemplates.all }

    func start(host: any PluginHost) async throws {
        self.host.withLock { $0 = host }
    }

    func shutdown() async {
        host.withLock { $0 = nil }
    }

    func judge(_ request: JudgeRequest) async throws -> JudgeResult {
        try await JudgeSession(client: try client(for: request.connection), request: request, maxOutputTokens: maxOutputTokens).run()
    }

    func test(_ connection: JudgeConnection, model: String, timeoutSeconds: Double) async throws {
        try await ConnectionCheck.run(client: try client(for: connection), connection: connection, model: model,
                                      timeoutSeconds: timeoutSeconds)
    }

    /// A client speaking the connection's adapter over the host's HTTP client.
    private func client(for connection: JudgeConnection) throws(JudgeFailure) -> ProviderClient {
        guard let host = host.withLock({ $0 }) else {
            // Retryable: the kernel starts components before it schedules work, so this only happens around shutdown.
            throw JudgeFailure(kind: .retryable(afterSeconds: nil), message: "the llm-judge component is not started")
        }
        return ProviderClient(host: host, adapter: try ProviderAdapters.adapter(for: connection))
    }
}
