import LanternPluginSDK

/// OpenAI's Chat Completions API, and any OpenAI-compatible server at the connection's base URL.
struct OpenAIAdapter: ProviderAdapter {
    static let defaultBaseURL = "https://api.openai.com/v1"

    func httpRequest(for request: ChatRequest) throws(JudgeFailure) -> HostHTTPRequest {
        let base = RequestParts.baseURL(request.connection, fallback: Self.defaultBaseURL)
        var own: [(name: String, value: String)] = [(name: "Content-Type", value: "application/json")]
        // Local compatible servers often need no key; an empty bearer token would be refused where one is checked.
        if !request.connection.secretKey.isEmpty {
            own.append((name: "Authorization", value: "Bearer \(request.connection.secretKey)"))
        }
        return HostHTTPRequest(method: "POST", url: base + "/chat/completions",
                               headers: RequestParts.headers(own, extra: request.connection.extraHeaders),
                               body: try RequestParts.body(parameters: request.parameters, own: OpenAIChatFormat.ownMembers(request)),
                               timeoutSeconds: request.timeoutSeconds)
    }

    func answer(from body: JSONValue) -> ProviderAnswer? { OpenAIChatFormat.answer(from: body) }
}
