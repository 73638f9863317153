import Foundation
import LanternPluginSDK

/// Sends one chat request through the kernel's HTTP client and sorts what came back; never judges the answer.
struct ProviderClient: Sendable {
    let host: any PluginHost
    let adapter: any ProviderAdapter

    /// The largest error or unreadable body kept in a call record: an HTML error page can be large, and its start
    /// is what tells a person what happened.
    static let maxRecordedBody = 4096

    /// Makes one call. Throws only what prevents sending at all (``JudgeFailure`` from the adapter, cancellation);
    /// every answer and every failed exchange comes back as a ``ProviderExchange``.
    func exchange(_ request: ChatRequest) async throws -> ProviderExchange {
        let httpRequest = try adapter.httpRequest(for: request)
        let start = host.now()
        let response: HostHTTPResponse
        do {
            response = try await host.http.send(httpRequest)
        } catch let cancelled as CancellationError {
            throw cancelled
        } catch {
            return ProviderExchange(request: request, startTime: start, endTime: host.now(), status: nil,
                                    outcome: .failed(FailureClassifier.failure(for: error), body: nil))
        }
        let end = host.now()
        return ProviderExchange(request: request, startTime: start, endTime: end, status: response.status,
                                outcome: outcome(of: response, now: end))
    }

    private func outcome(of response: HostHTTPResponse, now: Date) -> ProviderExchange.Outcome {
        let text = response.text
        let json = JSONValue.parse(text, maxDepth: 64)
        guard (200..<300).contains(response.status) else {
            let failure = FailureClassifier.failure(status: response.status, headers: response.headers, body: response.body, now: now)
            return .failed(failure, body: json ?? .string(DisplayText.shortened(text, limit: Self.maxRecordedBody)))
        }
        guard let json else {
            return .unreadable(problem: "the provider's answer is not JSON: \(DisplayText.shortened(text))",
                               body: .string(DisplayText.shortened(text, limit: Self.maxRecordedBody)))
        }
        guard let answer = adapter.answer(from: json) else {
            return .unreadable(problem: "the provider's answer holds no message: \(DisplayText.shortened(json.canonicalJSONText ?? text))",
                               body: json)
        }
        return .answered(answer)
    }
}

/// One call to the provider and what came of it.
struct ProviderExchange: Sendable {
    /// What came back.
    enum Outcome: Sendable {
        /// A 2xx with an answer in the API's shape (its text may still not be a verdict).
        case answered(ProviderAnswer)
        /// A 2xx whose body is not the API's answer (not JSON, or another shape): as unusable as a bad verdict.
        case unreadable(problem: String, body: JSONValue)
        /// A refusal (non-2xx) or an exchange that failed before a status; `body` is the provider's error body.
        case failed(JudgeFailure, body: JSONValue?)
    }

    let request: ChatRequest
    let startTime: Date
    let endTime: Date
    /// The HTTP status, when one arrived.
    let status: Int?
    let outcome: Outcome

    /// The call as the kernel traces it, with what the judge made of it.
    func call(output: JSONValue?, error: String?) -> JudgeCall {
        let answer: ProviderAnswer? = if case .answered(let answer) = outcome { answer } else { nil }
        return JudgeCall(input: request.messagesJSON, output: output, model: answer?.model ?? request.model,
                         inputTokens: answer?.inputTokens, outputTokens: answer?.outputTokens,
                         startTime: startTime, endTime: endTime, error: error)
    }
}
