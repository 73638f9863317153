import Testing
import LanternPluginSDK
@testable import Masking

/// Masking JSON values: strings and keys change, numbers and booleans do not (unless a rule says `numbers: true`),
/// key collisions keep both members, depth is bounded, metadata key globs select members.
@Suite struct JSONMaskingTests {
    @Test func stringsAreMaskedNumbersAndBooleansAreNot() async throws {
        let processor = try Fixtures.processor()
        let input: JSONValue = [
            "message": "reach me at john@example.com",
            "card": 4111111111111111,
            "ok": true,
            "nothing": nil,
            "list": ["4111 1111 1111 1111", 4111111111111111, false],
        ]
        let expected: JSONValue = [
            "message": "reach me at [REDACTED:email]",
            "card": 4111111111111111,
            "ok": true,
            "nothing": nil,
            "list": ["[REDACTED:credit_card]", 4111111111111111, false],
        ]
        #expect(try await Fixtures.record(input, processor) == expected)
    }

    @Test func numbersAreMaskedOnlyWhereARuleSaysSo() async throws {
        let processor = try Fixtures.processor([
            "rules": [["detector": "creditCard", "numbers": true], ["detector": "phone", "numbers": true]],
        ])
        let input: JSONValue = ["card": 4111111111111111, "phone": 14155552671, "order": 123456789, "bad": 4111111111111112,
                                "fraction": 4111111111111111.5, "negative": -14155552671]
        let expected: JSONValue = ["card": "[REDACTED:credit_card]", "phone": "[REDACTED:phone]", "order": 123456789,
                                   "bad": 4111111111111112, "fraction": 4111111111111111.5, "negative": -14155552671]
        #expect(try await Fixtures.record(input, processor) == expected)
    }

    @Test func keysAreMaskedAndCollisionsKeepBothMembers() async throws {
        let processor = try Fixtures.processor()
        let input: JSONValue = ["a@example.com": 1, "b@example.com": 2, "plain": 3]
        let output = try await Fixtures.record(input, processor)
        let members = try #require(output.objectValue)
        #expect(Set(members.keys) == ["[REDACTED:email]", "[REDACTED:email]#2", "plain"])
        // In the order of the original keys, so the outcome does not depend on dictionary order.
        #expect(members["[REDACTED:email]"] == 1)
        #expect(members["[REDACTED:email]#2"] == 2)
        #expect(members["plain"] == 3)
    }

    @Test func aMaskedKeyDoesNotReplaceAnExistingMember() async throws {
        let processor = try Fixtures.processor()
        let input: JSONValue = ["[REDACTED:email]": "kept", "x@example.com": "moved"]
        let output = try await Fixtures.record(input, processor)
        #expect(output == ["[REDACTED:email]": "kept", "[REDACTED:email]#2": "moved"])
    }

    @Test func keysStayWhenMaskKeysIsOff() async throws {
        let processor = try Fixtures.processor(["maskKeys": false])
        let input: JSONValue = ["a@example.com": "b@example.com"]
        #expect(try await Fixtures.record(input, processor) == ["a@example.com": "[REDACTED:email]"])
    }

    @Test func secretKeysMaskTheirWholeStringValue() async throws {
        let processor = try Fixtures.processor()
        let input: JSONValue = ["password": "correct horse battery staple", "api_key": "abc", "max_tokens": "512", "token": 42,
                                "nested": ["client_secret": "xyz"]]
        let expected: JSONValue = ["password": "[REDACTED:secret]", "api_key": "[REDACTED:secret]", "max_tokens": "512", "token": 42,
                                   "nested": ["client_secret": "[REDACTED:secret]"]]
        #expect(try await Fixtures.record(input, processor) == expected)
    }

    @Test func valuesDeeperThanTheLimitAreLeftAlone() async throws {
        let processor = try Fixtures.processor()
        var deep: JSONValue = "john@example.com"
        for _ in 0..<JSONMasker.maxDepth { deep = [deep] }
        // 64 arrays around the string: the innermost array is at depth 64, still walked.
        #expect(try await Fixtures.record(deep, processor) == Self.nest("[REDACTED:email]", JSONMasker.maxDepth))
        // One more level: the innermost array is past the limit and kept as it came, without a trap.
        let deeper: JSONValue = [deep]
        #expect(try await Fixtures.record(deeper, processor) == deeper)
        // Far deeper: no stack exhaustion, and the bottom is untouched (read with a loop, not a recursive comparison).
        var huge: JSONValue = "john@example.com"
        for _ in 0..<500 { huge = ["k": huge] }
        var bottom = try await Fixtures.record(huge, processor)
        while case .object(let members) = bottom, let inner = members["k"] { bottom = inner }
        #expect(bottom == "john@example.com")
    }

    private static func nest(_ value: JSONValue, _ levels: Int) -> JSONValue {
        (0..<levels).reduce(value) { inner, _ in [inner] }
    }

    @Test func metadataKeyGlobsSelectMembersAtAnyDepth() async throws {
        let processor = try Fixtures.processor([
            "rules": [["detector": "email", "fields": ["metadata:*_email", "metadata:http.*"]]],
        ])
        let metadata: [String: JSONValue] = [
            "user_email": "a@example.com",
            "note": "b@example.com",
            "attributes": ["http.url": "https://x.example/?to=c@example.com", "other": "d@example.com"],
            "resourceAttributes": ["owner_email": ["list": ["e@example.com"]]],
        ]
        let event = Fixtures.traceEvent(input: "f@example.com", metadata: metadata)
        let masked = try await processor.process([event], projectID: "p1")
        guard case .trace(let trace) = masked.first?.payload else {
            Issue.record("expected a trace")
            return
        }
        #expect(trace.input == "f@example.com")  // input is not a selected field
        #expect(trace.metadata == [
            "user_email": "[REDACTED:email]",
            "note": "b@example.com",
            "attributes": ["http.url": "https://x.example/?to=[REDACTED:email]", "other": "d@example.com"],
            "resourceAttributes": ["owner_email": ["list": ["[REDACTED:email]"]]],
        ])
    }

    @Test func keyGlobs() {
        #expect(KeyGlob("http.*").matches("http.url"))
        #expect(KeyGlob("http.*").matches("http."))
        #expect(!KeyGlob("http.*").matches("https.url"))
        #expect(KeyGlob("*_email").matches("user_email"))
        #expect(!KeyGlob("*_email").matches("user_emails"))
        #expect(KeyGlob("user.*.address").matches("user.home.address"))
        #expect(!KeyGlob("user.*.address").matches("user.address"))
        #expect(KeyGlob("*").matches(""))
        #expect(KeyGlob("exact").matches("exact"))
        #expect(!KeyGlob("exact").matches("Exact"))
        #expect(!KeyGlob("a*a").matches("a"))
    }
}
