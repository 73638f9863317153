import Foundation
import Synchronization
import LanternPluginSDK
import LanternPluginSDKTesting
@testable import LLMJudge

// MARK: - Test doubles

/// An HTTP client that answers with canned replies in order and records every request; past the script it fails like
/// a dropped connection. A unit-test double: the real client is exercised by the end-to-end tests.
final class ScriptedHTTPClient: HostHTTPClient {
    /// One canned reply.
    enum Reply: Sendable {
        case response(HostHTTPResponse)
        case error(HostHTTPError)
    }

    private let state: Mutex<(replies: [Reply], requests: [HostHTTPRequest])>

    init(_ replies: [Reply]) { state = Mutex((replies: replies, requests: [])) }

    /// Every request sent so far.
    var requests: [HostHTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HostHTTPRequest) async throws -> HostHTTPResponse {
        let reply: Reply? = state.withLock { state in
            state.requests.append(request)
            return state.replies.isEmpty ? nil : state.replies.removeFirst()
        }
        switch reply {
        case .response(let response)?: return response
        case .error(let error)?: throw error
        case nil: throw HostHTTPError.transport("the script has no more replies")
        }
    }

    func stream(_ request: HostHTTPRequest) async throws -> HostHTTPStreamingResponse {
        throw HostHTTPError.transport("streaming is not scripted")
    }
}

/// An ingestion sink the judge never uses; required by ``PluginHost``.
struct UnusedSink: IngestionSink {
    func accept(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] { [] }
}

/// A host with a scripted HTTP client and a clock that advances one second per reading, so each call's start and end
/// times differ.
final class JudgeTestHost: PluginHost {
    let client: ScriptedHTTPClient
    private let ticks = Mutex(0)

    init(_ replies: [ScriptedHTTPClient.Reply]) { client = ScriptedHTTPClient(replies) }

    var logger: PluginLogger { .discarding }
    var ingestion: any IngestionSink { UnusedSink() }
    var http: any HostHTTPClient { client }
    func now() -> Date {
        let tick = ticks.withLock { ticks in
            ticks += 1
            return ticks
        }
        return Date(timeIntervalSince1970: 1_700_000_000 + Double(tick))
    }
}

// MARK: - Fixtures

/// Connections, score definitions, requests and provider answers the tests share.
enum Fixtures {
    static let openAI = JudgeConnection(adapter: "openai", baseURL: nil, secretKey: "sk-test")
    static let anthropic = JudgeConnection(adapter: "anthropic", baseURL: nil, secretKey: "ak-test")

    static let numeric = JudgeOutputDefinition(dataType: .numeric, reasoningDescription: "Why.", scoreDescription: "How good.",
                                               minValue: 0, maxValue: 1)
    static let boolean = JudgeOutputDefinition(dataType: .boolean, reasoningDescription: "Why.", scoreDescription: "Whether good.")
    static let categorical = JudgeOutputDefinition(dataType: .categorical, reasoningDescription: "Why.", scoreDescription: "Which.",
                                                   categories: ["positive", "negative"])
    static let multiCategorical = JudgeOutputDefinition(dataType: .categorical, reasoningDescription: "Why.", scoreDescription: "Which.",
                                                        categories: ["fast", "cheap", "good"], allowsMultipleMatches: true)

    /// A judgment request for `output` over `connection`.
    static func request(_ output: JudgeOutputDefinition = numeric, connection: JudgeConnection = openAI,
                        parameters: [String: JSONValue] = [:]) -> JudgeRequest {
        JudgeRequest(prompt: "Judge this.", model: "gpt-test", parameters: parameters, output: output, connection: connection,
                     timeoutSeconds: 30)
    }

    /// A chat request as the session would build it.
    static func chat(connection: JudgeConnection, parameters: [String: JSONValue] = [:], schema: JSONValue? = ["type": "object"],
                     model: String = "gpt-test") -> ChatRequest {
        ChatRequest(model: model, messages: [.user("Judge this.")], parameters: parameters, schema: schema, defaultMaxTokens: 1024,
                    connection: connection, timeoutSeconds: 30)
    }

    /// A response whose body is `json`.
    static func response(_ status: Int, _ json: JSONValue, headers: [String: String] = [:]) -> HostHTTPResponse {
        HostHTTPResponse(status: status, headers: headers, body: Array((json.canonicalJSONText ?? "null").utf8))
    }

    /// A response whose body is `text`.
    static func response(_ status: Int, text: String, headers: [String: String] = [:]) -> HostHTTPResponse {
        HostHTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }

    /// An OpenAI chat completion whose message content is `content`.
    static func openAIAnswer(_ content: String, model: String = "gpt-test-2025", promptTokens: Int = 100,
                             completionTokens: Int = 20) -> ScriptedHTTPClient.Reply {
        .response(response(200, [
            "model": .string(model),
            "choices": [["index": 0, "message": ["role": "assistant", "content": .string(content)], "finish_reason": "stop"]],
            "usage": ["prompt_tokens": .number(Double(promptTokens)), "completion_tokens": .number(Double(completionTokens))],
        ]))
    }

    /// The JSON body of `request`, parsed.
    static func body(of request: HostHTTPRequest) -> [String: JSONValue] {
        JSONValue(parsing: String(decoding: request.body, as: UTF8.self))?.objectValue ?? [:]
    }

    /// The value of the header `name` (case-insensitive) in `request`; nil when absent.
    static func header(_ name: String, of request: HostHTTPRequest) -> String? {
        request.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
