import LanternPluginSDK

/// Checks a connection with the smallest call that proves key, URL and model work.
enum ConnectionCheck {
    /// The check's prompt and answer length: a few tokens of cost, no schema, so any chat model can pass.
    static let prompt = "Reply with OK"
    static let maxTokens = 5

    /// Returns when the provider answers in its API's shape; throws ``JudgeFailure`` with the provider's words otherwise.
    static func run(client: ProviderClient, connection: JudgeConnection, model: String, timeoutSeconds: Double) async throws {
        let exchange = try await client.exchange(ChatRequest(model: model, messages: [.user(prompt)], parameters: [:], schema: nil,
                                                             defaultMaxTokens: maxTokens, connection: connection,
                                                             timeoutSeconds: timeoutSeconds))
        switch exchange.outcome {
        case .answered:
            return
        case .failed(var failure, let body):
            failure.calls = [exchange.call(output: body, error: failure.message)]
            throw failure
        case .unreadable(let problem, let body):
            // A 2xx that is not a chat answer: the base URL leads to some other service (a web page, a proxy).
            throw JudgeFailure(kind: .connection, message: problem, status: exchange.status, calls: [exchange.call(output: body, error: problem)])
        }
    }
}
