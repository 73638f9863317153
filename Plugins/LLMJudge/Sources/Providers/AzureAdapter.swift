import LanternPluginSDK

/// Azure OpenAI: Chat Completions on a deployment named like the model, keyed by `api-key`.
struct AzureAdapter: ProviderAdapter {
    /// The GA version that supports `json_schema` structured output; `config.apiVersion` overrides it.
    static let defaultAPIVersion = "2024-10-21"

    func httpRequest(for request: ChatRequest) throws(JudgeFailure) -> HostHTTPRequest {
        let connection = request.connection
        let base = RequestParts.baseURL(connection, fallback: "")
        guard !base.isEmpty else {
            throw JudgeFailure(kind: .connection, message: "the azure adapter needs the connection's base URL "
                + "(https://<resource>.openai.azure.com)")
        }
        let given = connection.config?.objectValue?["apiVersion"]?.stringValue?.trimmingCharacters(in: .whitespaces) ?? ""
        let apiVersion = given.isEmpty ? Self.defaultAPIVersion : given
        var own: [(name: String, value: String)] = [(name: "Content-Type", value: "application/json")]
        if !connection.secretKey.isEmpty { own.append((name: "api-key", value: connection.secretKey)) }
        let url = Self.deployments(base) + "/" + RequestParts.encodedComponent(request.model) + "/chat/completions?api-version="
            + RequestParts.encodedComponent(apiVersion)
        return HostHTTPRequest(method: "POST", url: url, headers: RequestParts.headers(own, extra: connection.extraHeaders),
                               body: try RequestParts.body(parameters: request.parameters, own: OpenAIChatFormat.ownMembers(request)),
                               timeoutSeconds: request.timeoutSeconds)
    }

    func answer(from body: JSONValue) -> ProviderAnswer? { OpenAIChatFormat.answer(from: body) }

    /// The deployments collection under `base`. Accepts the resource URL, `…/openai`, and `…/openai/deployments`
    /// (the form Langfuse documents), so a connection copied from Langfuse works unchanged.
    static func deployments(_ base: String) -> String {
        if base.hasSuffix("/openai/deployments") { return base }
        if base.hasSuffix("/openai") { return base + "/deployments" }
        return base + "/openai/deployments"
    }
}
