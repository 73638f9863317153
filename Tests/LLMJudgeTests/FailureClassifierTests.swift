import Foundation
import Testing
import LanternPluginSDK
@testable import LLMJudge

/// Provider refusals and failed exchanges, classified for the kernel, with the provider's own words.
@Suite struct FailureClassifierTests {
    private let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT

    private func failure(_ status: Int, _ body: String = "", headers: [String: String] = [:]) -> JudgeFailure {
        FailureClassifier.failure(status: status, headers: headers, body: Array(body.utf8), now: now)
    }

    private func openAIError(_ message: String, type: String = "invalid_request_error", code: String? = nil) -> String {
        var error: JSONValue = ["message": .string(message), "type": .string(type)]
        if let code, case .object(var members) = error {
            members["code"] = .string(code)
            error = .object(members)
        }
        return (["error": error] as JSONValue).canonicalJSONText ?? ""
    }

    @Test func retryableStatuses() {
        for status in [408, 429, 500, 502, 503, 504, 529] {
            #expect(failure(status).kind == .retryable(afterSeconds: nil), "HTTP \(status)")
            #expect(failure(status).status == status)
        }
    }

    @Test func connectionStatuses() {
        for status in [401, 402, 403, 404] {
            #expect(failure(status).kind == .connection, "HTTP \(status)")
        }
    }

    @Test func requestRefusals() {
        for status in [400, 413, 422] {
            #expect(failure(status).kind == .unsupported, "HTTP \(status)")
        }
    }

    @Test func redirectsMeanTheBaseURLIsWrong() {
        #expect(failure(301).kind == .connection)
    }

    @Test func insufficientQuotaIsNotRetryable() {
        let body = openAIError("You exceeded your current quota, please check your plan and billing details.", type: "insufficient_quota",
                               code: "insufficient_quota")
        let quota = failure(429, body, headers: ["retry-after": "20"])
        #expect(quota.kind == .connection)
        #expect(quota.message == "You exceeded your current quota, please check your plan and billing details.")
        #expect(failure(429, openAIError("Rate limit reached", type: "requests", code: "rate_limit_exceeded")).kind == .retryable(afterSeconds: nil))
    }

    @Test func providerMessagesVerbatim() {
        #expect(failure(401, openAIError("Incorrect API key provided: sk-test.")).message == "Incorrect API key provided: sk-test.")
        let anthropic = #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
        #expect(failure(529, anthropic).message == "Overloaded")
        #expect(failure(401, #"{"statusCode": 401, "message": "Access denied due to invalid subscription key."}"#).message
            == "Access denied due to invalid subscription key.")
        #expect(failure(400, #"{"error": "model is required"}"#).message == "model is required")
    }

    @Test func rawBodyWhenTheProviderGaveNoMessage() {
        let html = "<html>" + String(repeating: "x", count: 1000) + "</html>"
        #expect(failure(502, html).message == String(html.prefix(500)))
        #expect(failure(503, "  ").message == "the provider answered HTTP 503 with an empty body")
        #expect(failure(500, #"{"error": {"message": ""}}"#).message == #"{"error": {"message": ""}}"#)
    }

    @Test func retryAfterForms() {
        #expect(failure(429, headers: ["retry-after": "20"]).kind == .retryable(afterSeconds: 20))
        #expect(failure(429, headers: ["retry-after": " 1.5 "]).kind == .retryable(afterSeconds: 1.5))
        #expect(failure(503, headers: ["retry-after": "Wed, 21 Oct 2015 07:28:30 GMT"]).kind == .retryable(afterSeconds: 30))
        #expect(failure(503, headers: ["retry-after": "Wed, 21 Oct 2015 07:00:00 GMT"]).kind == .retryable(afterSeconds: 0))
        #expect(failure(429, headers: ["retry-after-ms": "1500", "retry-after": "2"]).kind == .retryable(afterSeconds: 1.5))
    }

    @Test func unusableRetryAfterIsIgnored() {
        for value in ["soon", "-5", "inf", "nan", "Wed, 21 Oct 2015 25:28:30 GMT", "Wed, 21 Foo 2015 07:28:30 GMT", "21 Oct 2015", ""] {
            #expect(failure(429, headers: ["retry-after": value]).kind == .retryable(afterSeconds: nil), "\(value)")
        }
        #expect(failure(429, headers: ["retry-after-ms": "nan", "retry-after": "3"]).kind == .retryable(afterSeconds: 3))
    }

    @Test func httpDates() {
        #expect(RetryAfter.httpDate("Wed, 21 Oct 2015 07:28:00 GMT") == now)
        #expect(RetryAfter.httpDate("Wed, 21 Oct 2015 07:28:00 PST") == nil)
        #expect(RetryAfter.httpDate("Wed, 21 Oct 2015 07:28 GMT") == nil)
    }

    @Test func failedExchanges() {
        #expect(FailureClassifier.failure(for: HostHTTPError.timedOut(30)).kind == .retryable(afterSeconds: nil))
        #expect(FailureClassifier.failure(for: HostHTTPError.timedOut(30)).message == "no complete answer within 30.0 s")
        #expect(FailureClassifier.failure(for: HostHTTPError.transport("connection reset")).kind == .retryable(afterSeconds: nil))
        #expect(FailureClassifier.failure(for: HostHTTPError.invalidURL("ftp://x")).kind == .connection)
        #expect(FailureClassifier.failure(for: HostHTTPError.bodyTooLarge(1024)).kind == .invalidOutput)
        #expect(FailureClassifier.failure(for: CocoaError(.fileNoSuchFile)).kind == .retryable(afterSeconds: nil))
    }
}
