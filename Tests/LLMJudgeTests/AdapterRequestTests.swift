import Testing
import LanternPluginSDK
@testable import LLMJudge

/// What each adapter sends (URL, headers, body) and how it reads an answer.
@Suite struct AdapterRequestTests {
    private let schema: JSONValue = ["type": "object", "properties": [:]]

    // MARK: OpenAI

    @Test func openAIRequest() throws {
        let connection = JudgeConnection(adapter: "openai", baseURL: nil, secretKey: "sk-1", extraHeaders: ["OpenAI-Organization": "org-1"])
        let request = try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: connection, parameters: ["temperature": 0], schema: schema))
        #expect(request.method == "POST")
        #expect(request.url == "https://api.openai.com/v1/chat/completions")
        #expect(request.timeoutSeconds == 30)
        #expect(Fixtures.header("Authorization", of: request) == "Bearer sk-1")
        #expect(Fixtures.header("Content-Type", of: request) == "application/json")
        #expect(Fixtures.header("OpenAI-Organization", of: request) == "org-1")
        #expect(Fixtures.body(of: request) == [
            "model": "gpt-test",
            "messages": [["role": "user", "content": "Judge this."]],
            "temperature": 0,
            "max_tokens": 1024,
            "response_format": ["type": "json_schema", "json_schema": ["name": "score", "strict": true, "schema": schema]],
        ])
    }

    @Test func openAICompatibleBaseURL() throws {
        let connection = JudgeConnection(adapter: "openai", baseURL: "http://localhost:11434/v1/", secretKey: "")
        let request = try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: connection))
        #expect(request.url == "http://localhost:11434/v1/chat/completions")
        #expect(Fixtures.header("Authorization", of: request) == nil)
    }

    @Test func parametersKeepTheirTokenLimitButNotTheJudgesMembers() throws {
        let parameters: [String: JSONValue] = ["max_completion_tokens": 200, "model": "other", "stream": true, "top_p": 0.9]
        let body = Fixtures.body(of: try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: Fixtures.openAI, parameters: parameters)))
        #expect(body["max_completion_tokens"] == 200)
        #expect(body["max_tokens"] == nil)
        #expect(body["model"] == "gpt-test")
        #expect(body["stream"] == nil)
        #expect(body["top_p"] == 0.9)
        let given = Fixtures.body(of: try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: Fixtures.openAI, parameters: ["max_tokens": 64])))
        #expect(given["max_tokens"] == 64)
    }

    @Test func noSchemaNoResponseFormat() throws {
        let body = Fixtures.body(of: try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: Fixtures.openAI, schema: nil)))
        #expect(body["response_format"] == nil)
    }

    @Test func extraHeadersReplaceTheAdaptersOwn() throws {
        let connection = JudgeConnection(adapter: "openai", baseURL: "https://gateway.example/v1", secretKey: "sk-1",
                                         extraHeaders: ["authorization": "Bearer gateway-token"])
        let request = try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: connection))
        #expect(request.headers.filter { $0.name.lowercased() == "authorization" }.map(\.value) == ["Bearer gateway-token"])
    }

    @Test func nonFiniteParametersAreRefused() {
        let failure = #expect(throws: JudgeFailure.self) {
            try OpenAIAdapter().httpRequest(for: Fixtures.chat(connection: Fixtures.openAI, parameters: ["temperature": .number(.infinity)]))
        }
        #expect(failure?.kind == .unsupported)
    }

    @Test func openAIAnswers() {
        let content: JSONValue = [
            "model": "gpt-4o-2024-08-06",
            "choices": [["message": ["role": "assistant", "content": #"{"reasoning":"r","score":1}"#], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": 12, "completion_tokens": 7],
        ]
        #expect(OpenAIAdapter().answer(from: content) == ProviderAnswer(text: #"{"reasoning":"r","score":1}"#, model: "gpt-4o-2024-08-06",
                                                                         inputTokens: 12, outputTokens: 7, notice: nil))
        let toolCall: JSONValue = ["choices": [["message": [
            "content": .null, "tool_calls": [["type": "function", "function": ["name": "score", "arguments": #"{"score":0}"#]]],
        ]]]]
        #expect(OpenAIAdapter().answer(from: toolCall)?.text == #"{"score":0}"#)
        let parts: JSONValue = ["choices": [["message": ["content": [["type": "text", "text": "{\"a\":"], ["type": "text", "text": "1}"]]]]]]
        #expect(OpenAIAdapter().answer(from: parts)?.text == #"{"a":1}"#)
        let refused: JSONValue = ["choices": [["message": ["content": .null, "refusal": "I can't help with that."]]]]
        #expect(OpenAIAdapter().answer(from: refused) == ProviderAnswer(text: nil, notice: "the model refused: I can't help with that."))
        let cut: JSONValue = ["choices": [["message": ["content": "{\"reas"], "finish_reason": "length"]]]
        #expect(OpenAIAdapter().answer(from: cut)?.notice == "the answer was cut off at the token limit; raise max_tokens")
        #expect(OpenAIAdapter().answer(from: ["choices": []]) == ProviderAnswer())
        #expect(OpenAIAdapter().answer(from: ["id": "x"]) == nil)
        #expect(OpenAIAdapter().answer(from: "text") == nil)
        #expect(OpenAIAdapter().answer(from: ["choices": [], "usage": ["prompt_tokens": 1e300]])?.inputTokens == nil)
    }

    // MARK: Azure

    @Test func azureRequest() throws {
        let connection = JudgeConnection(adapter: "azure", baseURL: "https://x.openai.azure.com/", secretKey: "az-1")
        let request = try AzureAdapter().httpRequest(for: Fixtures.chat(connection: connection, schema: schema, model: "my gpt 4o"))
        #expect(request.url == "https://x.openai.azure.com/openai/deployments/my%20gpt%204o/chat/completions?api-version=2024-10-21")
        #expect(Fixtures.header("api-key", of: request) == "az-1")
        #expect(Fixtures.header("Authorization", of: request) == nil)
        let body = Fixtures.body(of: request)
        #expect(body["response_format"]?.objectValue?["type"] == "json_schema")
        #expect(body["max_tokens"] == 1024)
    }

    @Test func azureBaseURLForms() throws {
        for base in ["https://x.openai.azure.com", "https://x.openai.azure.com/openai", "https://x.openai.azure.com/openai/deployments/"] {
            let connection = JudgeConnection(adapter: "azure", baseURL: base, secretKey: "k", config: ["apiVersion": "2025-01-01-preview"])
            let request = try AzureAdapter().httpRequest(for: Fixtures.chat(connection: connection, model: "gpt-4o"))
            #expect(request.url == "https://x.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2025-01-01-preview")
        }
    }

    @Test func azureNeedsABaseURL() {
        let failure = #expect(throws: JudgeFailure.self) {
            try AzureAdapter().httpRequest(for: Fixtures.chat(connection: JudgeConnection(adapter: "azure", baseURL: " ", secretKey: "k")))
        }
        #expect(failure?.kind == .connection)
    }

    // MARK: Anthropic

    @Test func anthropicRequest() throws {
        let request = try AnthropicAdapter().httpRequest(for: Fixtures.chat(connection: Fixtures.anthropic, parameters: ["temperature": 0],
                                                                            schema: schema, model: "claude-test"))
        #expect(request.url == "https://api.anthropic.com/v1/messages")
        #expect(Fixtures.header("x-api-key", of: request) == "ak-test")
        #expect(Fixtures.header("anthropic-version", of: request) == "2023-06-01")
        #expect(Fixtures.header("Content-Type", of: request) == "application/json")
        #expect(Fixtures.body(of: request) == [
            "model": "claude-test",
            "messages": [["role": "user", "content": "Judge this."]],
            "max_tokens": 1024,
            "temperature": 0,
            "tools": [["name": "score", "description": "Record the verdict: the reasoning, then the score.", "input_schema": schema]],
            "tool_choice": ["type": "tool", "name": "score"],
        ])
    }

    @Test func anthropicBaseURLWithVersion() throws {
        for base in ["https://proxy.example/v1", "https://proxy.example/v1/", "https://proxy.example"] {
            let connection = JudgeConnection(adapter: "anthropic", baseURL: base, secretKey: "k")
            #expect(try AnthropicAdapter().httpRequest(for: Fixtures.chat(connection: connection)).url == "https://proxy.example/v1/messages")
        }
    }

    @Test func anthropicKeepsAGivenTokenLimit() throws {
        let body = Fixtures.body(of: try AnthropicAdapter().httpRequest(for: Fixtures.chat(connection: Fixtures.anthropic,
                                                                                          parameters: ["max_tokens": 300], schema: nil)))
        #expect(body["max_tokens"] == 300)
        #expect(body["tools"] == nil)
        #expect(body["tool_choice"] == nil)
    }

    @Test func anthropicAnswers() {
        let toolUse: JSONValue = [
            "model": "claude-test-1",
            "content": [["type": "text", "text": "Let me record it."],
                        ["type": "tool_use", "id": "t1", "name": "score", "input": ["reasoning": "r", "score": 0.5]]],
            "stop_reason": "tool_use",
            "usage": ["input_tokens": 30, "output_tokens": 9],
        ]
        #expect(AnthropicAdapter().answer(from: toolUse) == ProviderAnswer(text: #"{"reasoning":"r","score":0.5}"#, model: "claude-test-1",
                                                                           inputTokens: 30, outputTokens: 9, notice: nil))
        let text: JSONValue = ["content": [["type": "text", "text": "{\"reasoning\": "], ["type": "text", "text": "\"r\"}"]], "stop_reason": "max_tokens"]
        #expect(AnthropicAdapter().answer(from: text) == ProviderAnswer(text: #"{"reasoning": "r"}"#,
                                                                        notice: "the answer was cut off at the token limit; raise max_tokens"))
        #expect(AnthropicAdapter().answer(from: ["content": []]) == ProviderAnswer())
        #expect(AnthropicAdapter().answer(from: ["type": "message"]) == nil)
    }

    // MARK: Adapter choice

    @Test func adapterChoice() throws {
        #expect(try ProviderAdapters.adapter(for: JudgeConnection(adapter: "OpenAI", baseURL: nil, secretKey: "")) is OpenAIAdapter)
        #expect(try ProviderAdapters.adapter(for: JudgeConnection(adapter: "azure", baseURL: nil, secretKey: "")) is AzureAdapter)
        #expect(try ProviderAdapters.adapter(for: Fixtures.anthropic) is AnthropicAdapter)
        for name in ["bedrock", "google-vertex-ai", "google-ai-studio"] {
            let failure = #expect(throws: JudgeFailure.self) {
                try ProviderAdapters.adapter(for: JudgeConnection(adapter: name, baseURL: nil, secretKey: ""))
            }
            #expect(failure?.kind == .unsupported)
            #expect(failure?.message == "the llm-judge plugin does not speak the \(name) adapter yet; use openai, azure or anthropic")
        }
    }
}
