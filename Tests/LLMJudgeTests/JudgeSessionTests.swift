import Foundation
import Testing
import LanternPluginSDK
@testable import LLMJudge

/// Whole judgments through the component, over a scripted HTTP client: the repair retry, failures and call records.
@Suite struct JudgeSessionTests {
    /// A started judge over a host answering with `replies`.
    private func judge(_ replies: [ScriptedHTTPClient.Reply]) async throws -> (LLMJudgeRunner, JudgeTestHost) {
        let host = JudgeTestHost(replies)
        let runner = LLMJudgeRunner(maxOutputTokens: 512)
        try await runner.start(host: host)
        return (runner, host)
    }

    /// The failure `body` throws; records an issue when it throws something else or nothing.
    private func failure(_ body: () async throws -> Void) async -> JudgeFailure? {
        do {
            try await body()
            Issue.record("expected a JudgeFailure")
        } catch let failure as JudgeFailure {
            return failure
        } catch {
            Issue.record("expected a JudgeFailure, got \(error)")
        }
        return nil
    }

    @Test func firstAnswerUsable() async throws {
        let (runner, host) = try await judge([Fixtures.openAIAnswer(#"{"reasoning": "Supported.", "score": 0.2}"#)])
        let result = try await runner.judge(Fixtures.request())
        #expect(result.verdict == JudgeVerdict(value: .number(0.2), reasoning: "Supported."))
        let call = try #require(result.calls.first)
        #expect(result.calls.count == 1)
        #expect(call.model == "gpt-test-2025")
        #expect(call.inputTokens == 100)
        #expect(call.outputTokens == 20)
        #expect(call.output == ["reasoning": "Supported.", "score": 0.2])
        #expect(call.error == nil)
        #expect(call.startTime < call.endTime)
        let prompt = call.input.arrayValue?.first?.objectValue?["content"]?.stringValue ?? ""
        #expect(prompt.hasPrefix("Judge this.\n\nAnswer with only a JSON object"))
        #expect(Fixtures.body(of: try #require(host.client.requests.first))["max_tokens"] == 512)
    }

    @Test func repairRetrySucceeds() async throws {
        let (runner, host) = try await judge([
            Fixtures.openAIAnswer(#"{"reasoning": "Quite bad.", "score": 1.4}"#),
            Fixtures.openAIAnswer(#"{"reasoning": "Quite bad.", "score": 1}"#, model: "gpt-test-2025-b"),
        ])
        let result = try await runner.judge(Fixtures.request())
        #expect(result.verdict.value == .number(1))
        #expect(result.calls.count == 2)
        #expect(result.calls.first?.error == "score: 1.4 is above the maximum 1")
        #expect(result.calls.first?.output == .string(#"{"reasoning": "Quite bad.", "score": 1.4}"#))
        #expect(result.calls.last?.error == nil)
        #expect(result.calls.last?.model == "gpt-test-2025-b")

        let second = Fixtures.body(of: try #require(host.client.requests.last))
        let messages = try #require(second["messages"]?.arrayValue)
        #expect(messages.count == 3)
        #expect(messages.dropFirst().first == ["role": "assistant", "content": #"{"reasoning": "Quite bad.", "score": 1.4}"#])
        let repair = messages.last?.objectValue?["content"]?.stringValue ?? ""
        #expect(messages.last?.objectValue?["role"] == "user")
        #expect(repair.hasPrefix("Your answer could not be used: score: 1.4 is above the maximum 1. Answer again with only the JSON object"))
        #expect(result.calls.last?.input == .array(messages))
    }

    @Test func secondFailureIsInvalidOutput() async throws {
        let (runner, host) = try await judge([
            Fixtures.openAIAnswer("I think it is fine."),
            Fixtures.openAIAnswer(#"{"score": 0.5}"#),
        ])
        let failure = await failure { _ = try await runner.judge(Fixtures.request()) }
        #expect(failure?.kind == .invalidOutput)
        #expect(failure?.message == "Invalid LLM response format: reasoning: missing")
        #expect(failure?.calls.map(\.error) == ["no JSON object found in the answer", "reasoning: missing"])
        #expect(host.client.requests.count == 2)
    }

    @Test func nonJSONSuccessGoesToTheRepairRetry() async throws {
        let (runner, host) = try await judge([
            .response(Fixtures.response(200, text: "<html>gateway page</html>")),
            Fixtures.openAIAnswer(#"{"reasoning": "ok", "score": 0}"#),
        ])
        let result = try await runner.judge(Fixtures.request())
        #expect(result.verdict.value == .number(0))
        #expect(result.calls.first?.error == "the provider's answer is not JSON: <html>gateway page</html>")
        #expect(result.calls.first?.output == "<html>gateway page</html>")
        // Nothing to replay as the assistant's turn: the repair is a second user message.
        let messages = Fixtures.body(of: try #require(host.client.requests.last))["messages"]?.arrayValue ?? []
        #expect(messages.compactMap { $0.objectValue?["role"]?.stringValue } == ["user", "user"])
    }

    @Test func refusalExplainsTheProblem() async throws {
        let refusal: JSONValue = ["choices": [["message": ["content": .null, "refusal": "No."]]]]
        let (runner, _) = try await judge([.response(Fixtures.response(200, refusal)), .response(Fixtures.response(200, refusal))])
        let failure = await failure { _ = try await runner.judge(Fixtures.request()) }
        #expect(failure?.message == "Invalid LLM response format: the answer holds no text (the model refused: No.)")
    }

    @Test func providerRefusalStopsAtOnce() async throws {
        let body: JSONValue = ["error": ["message": "Rate limit reached for gpt-test.", "type": "requests", "code": "rate_limit_exceeded"]]
        let (runner, host) = try await judge([.response(Fixtures.response(429, body, headers: ["retry-after": "7"]))])
        let failure = await failure { _ = try await runner.judge(Fixtures.request()) }
        #expect(failure?.kind == .retryable(afterSeconds: 7))
        #expect(failure?.status == 429)
        #expect(failure?.message == "Rate limit reached for gpt-test.")
        #expect(failure?.calls.count == 1)
        #expect(failure?.calls.first?.output == body)
        #expect(failure?.calls.first?.error == "Rate limit reached for gpt-test.")
        #expect(failure?.calls.first?.model == "gpt-test")
        #expect(host.client.requests.count == 1)
    }

    @Test func refusalOnTheRepairCallKeepsBothCalls() async throws {
        let (runner, _) = try await judge([
            Fixtures.openAIAnswer("nope"),
            .response(Fixtures.response(500, text: "Internal Server Error")),
        ])
        let failure = await failure { _ = try await runner.judge(Fixtures.request()) }
        #expect(failure?.kind == .retryable(afterSeconds: nil))
        #expect(failure?.calls.count == 2)
    }

    @Test func transportFailure() async throws {
        let (runner, _) = try await judge([.error(.timedOut(30))])
        let failure = await failure { _ = try await runner.judge(Fixtures.request()) }
        #expect(failure?.kind == .retryable(afterSeconds: nil))
        #expect(failure?.calls.first?.error == "no complete answer within 30.0 s")
    }

    @Test func anthropicToolUseVerdict() async throws {
        let answer: JSONValue = [
            "model": "claude-test-1",
            "content": [["type": "tool_use", "id": "t", "name": "score", "input": ["reasoning": "fits", "score": ["Positive"]]]],
            "usage": ["input_tokens": 40, "output_tokens": 12],
        ]
        let (runner, host) = try await judge([.response(Fixtures.response(200, answer))])
        let result = try await runner.judge(Fixtures.request(Fixtures.categorical, connection: Fixtures.anthropic))
        #expect(result.verdict == JudgeVerdict(value: .categories(["positive"]), reasoning: "fits"))
        #expect(result.calls.first?.inputTokens == 40)
        #expect(host.client.requests.first?.url == "https://api.anthropic.com/v1/messages")
    }

    @Test func unsupportedRequestsMakeNoCall() async throws {
        let (runner, host) = try await judge([])
        let adapter = await failure { _ = try await runner.judge(Fixtures.request(connection: JudgeConnection(adapter: "bedrock", baseURL: nil, secretKey: ""))) }
        #expect(adapter?.kind == .unsupported)
        let text = JudgeOutputDefinition(dataType: .text, reasoningDescription: "", scoreDescription: "")
        let type = await failure { _ = try await runner.judge(Fixtures.request(text)) }
        #expect(type?.kind == .unsupported)
        #expect(host.client.requests.isEmpty)
    }

    @Test func notStarted() async {
        let runner = LLMJudgeRunner(maxOutputTokens: 512)
        let failure = await failure { _ = try await runner.judge(Fixtures.request()) }
        #expect(failure?.kind == .retryable(afterSeconds: nil))
        await runner.shutdown()
    }

    // MARK: Connection test

    @Test func connectionTestSucceeds() async throws {
        let (runner, host) = try await judge([Fixtures.openAIAnswer("OK")])
        try await runner.test(Fixtures.openAI, model: "gpt-test", timeoutSeconds: 10)
        let request = try #require(host.client.requests.first)
        let body = Fixtures.body(of: request)
        #expect(body["messages"] == [["role": "user", "content": "Reply with OK"]])
        #expect(body["max_tokens"] == 5)
        #expect(body["response_format"] == nil)
        #expect(request.timeoutSeconds == 10)
    }

    @Test func connectionTestRefused() async throws {
        let body: JSONValue = ["type": "error", "error": ["type": "authentication_error", "message": "invalid x-api-key"]]
        let (runner, _) = try await judge([.response(Fixtures.response(401, body))])
        let failure = await failure { try await runner.test(Fixtures.anthropic, model: "claude-test", timeoutSeconds: 10) }
        #expect(failure?.kind == .connection)
        #expect(failure?.status == 401)
        #expect(failure?.message == "invalid x-api-key")
    }

    @Test func connectionTestAgainstSomethingElse() async throws {
        let (runner, _) = try await judge([.response(Fixtures.response(200, text: "<html>Welcome to nginx!</html>"))])
        let failure = await failure { try await runner.test(Fixtures.openAI, model: "gpt-test", timeoutSeconds: 10) }
        #expect(failure?.kind == .connection)
        #expect(failure?.message == "the provider's answer is not JSON: <html>Welcome to nginx!</html>")
    }
}
