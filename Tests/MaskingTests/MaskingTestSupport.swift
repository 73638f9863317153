import Foundation
import Synchronization
import LanternPluginSDK
import LanternPluginSDKTesting
@testable import Masking

/// A host that records every counter call, so tests can see what the processor reports.
final class RecordingHost: PluginHost {
    /// One `count` call.
    struct Count: Hashable {
        let name: String
        let labels: [String: String]
        let amount: Int
    }

    private let calls = Mutex<[Count]>([])

    /// Every `count` call so far.
    var counts: [Count] { calls.withLock { $0 } }

    var logger: PluginLogger { .discarding }
    var ingestion: any IngestionSink { UnusedSink() }
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
    func count(_ name: String, labels: [String: String], by amount: Int) {
        calls.withLock { $0.append(Count(name: name, labels: labels, amount: amount)) }
    }
}

/// An ingestion sink the processor never uses; required by ``PluginHost``.
struct UnusedSink: IngestionSink {
    func accept(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] { [] }
}

/// Shortcuts the suites share.
enum Fixtures {
    /// The substrings `detector` finds in `text`.
    static func found(_ detector: any Detector, _ text: String) -> [String] {
        let scanned = ScannedText(text)
        return detector.matches(in: scanned).map { scanned.text($0) }
    }

    /// A processor with `settings` (which must be valid).
    static func processor(_ settings: [String: JSONValue] = [:]) throws -> MaskingProcessor {
        MaskingProcessor(settings: try MaskingSettings.read(PluginSettings(settings)))
    }

    /// `text` masked by every built-in detector, redacted.
    static func masked(_ text: String) -> String {
        var tally = DetectionTally()
        let plan = MaskingPlan(rules: MaskingSettings.defaultRules)
        return TextMasker(replacer: Replacer(hasher: nil)).mask(text, plan: plan, tally: &tally) ?? text
    }

    /// `value` as a dataset item's input after `processor`, for project `project`.
    static func record(_ value: JSONValue, _ processor: MaskingProcessor, project: String = "p1",
                       field: RecordField = .datasetItemInput) async throws -> JSONValue {
        try await processor.process(value, field: field, projectID: project)
    }

    /// A trace event carrying `input`, `output` and `metadata`.
    static func traceEvent(input: JSONValue? = nil, output: JSONValue? = nil, metadata: [String: JSONValue]? = nil) -> IngestionEvent {
        var trace = TraceUpdate(id: "t1")
        trace.input = input
        trace.output = output
        trace.metadata = metadata
        return IngestionEvent(id: "e1", timestamp: Date(timeIntervalSince1970: 1_700_000_000), payload: .trace(trace))
    }
}

/// Values each detector must find, as written in text; the property tests plant them.
enum Planted {
    static let values: [(detector: String, value: String)] = [
        ("email", "alice.smith@example.com"),
        ("email", "bob+tag@mail.example.org"),
        ("phone", "+1 415-555-2671"),
        ("phone", "+44 20 7946 0958"),
        ("phone", "(415) 555-2671"),
        ("credit_card", "4111 1111 1111 1111"),
        ("credit_card", "5500-0000-0000-0004"),
        ("credit_card", "378282246310005"),
        ("iban", "DE89 3704 0044 0532 0130 00"),
        ("iban", "GB29NWBK60161331926819"),
        ("ssn", "123-45-6789"),
        ("ipv4", "192.168.10.25"),
        ("ipv6", "2001:db8:85a3::8a2e:370:7334"),
        ("openai_key", "sk-proj-Abc123Def456Ghi789Jkl012"),
        ("anthropic_key", "sk-ant-api03-Xyz789Abc123Def456Ghi"),
        ("aws_access_key", "AKIAIOSFODNN7EXAMPLE"),
        ("github_token", "ghp_" + String(repeating: "a1B2c3", count: 6)),
        ("jwt", jwt),
        ("private_key", privateKey),
    ]

    /// A token whose header is `{"alg":"HS256","typ":"JWT"}`.
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"

    static let privateKey = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu
        KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm
        -----END RSA PRIVATE KEY-----
        """
}
