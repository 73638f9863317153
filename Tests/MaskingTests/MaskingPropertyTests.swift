import Testing
import LanternPluginSDK
import LanternPluginSDKTesting
@testable import Masking

/// Random JSON documents with planted values: masking changes nothing but the strings holding a planted value, leaves
/// no planted value behind, and keeps every near miss.
@Suite struct MaskingPropertyTests {
    /// Words that no detector matches, near misses included: they must come out exactly as they went in.
    private static let filler = [
        "the", "quick", "report", "status:", "ok", "done,", "item", "résumé", "日本語", "🙂", "naïve", "(note)", "—",
        "1.2.3.4.5", "v1.2.3.4", "task-list", "123456789012", "1700000000123", "4111111111111112", "DE88370400440532013000",
        "12:30:45", "max_tokens=512", "sk-short", "2024-01-15", "3.14159", "#42", "std::vector", "00:1A:2B:3C:4D:5E",
    ]

    /// One generated document and the planted values it holds.
    private struct Document {
        var value: JSONValue
        var planted: [(detector: String, value: String)]
    }

    /// Builds documents from a seed; `planted` collects what each string received.
    private struct Generator {
        var random: SeededGenerator
        var planted: [(detector: String, value: String)] = []

        mutating func document() -> Document {
            planted = []
            let value = self.value(depth: 0)
            return Document(value: value, planted: planted)
        }

        private mutating func value(depth: Int) -> JSONValue {
            let roll = Int.random(in: 0..<10, using: &random)
            switch roll {
            case 0 where depth < 5, 1 where depth < 5:
                return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1) })
            case 2 where depth < 5, 3 where depth < 5:
                var members: [String: JSONValue] = [:]
                for index in 0..<Int.random(in: 0...4, using: &random) { members["k\(index)_\(depth)"] = value(depth: depth + 1) }
                return .object(members)
            case 4: return .number(number())
            case 5: return .bool(Bool.random(using: &random))
            case 6: return .null
            default: return .string(string())
            }
        }

        private mutating func number() -> Double {
            // Card- and phone-like integers too: numbers are never masked by default rules.
            [4111111111111111, 14155552671, 0, -1.5, 3.25e10, Double(Int.random(in: -1_000_000...1_000_000, using: &random))]
                .randomElement(using: &random) ?? 0
        }

        private mutating func string() -> String {
            var words: [String] = []
            for _ in 0..<Int.random(in: 0...8, using: &random) {
                if Int.random(in: 0..<4, using: &random) == 0, let value = Planted.values.randomElement(using: &random) {
                    planted.append(value)
                    words.append(value.value)
                } else {
                    words.append(MaskingPropertyTests.filler.randomElement(using: &random) ?? "")
                }
            }
            return words.joined(separator: [" ", " ", "\n", " | "].randomElement(using: &random) ?? " ")
        }
    }

    @Test func maskingKeepsStructureAndRemovesEveryPlantedValue() async throws {
        let processor = try Fixtures.processor()
        var generator = Generator(random: SeededGenerator(seed: 0x5EED_0024))
        for round in 0..<3000 {
            let document = generator.document()
            let masked = try await Fixtures.record(document.value, processor)
            Self.compare(document.value, masked, round: round)
            let text = masked.jsonText
            for (detector, value) in document.planted {
                #expect(!text.contains(Self.escaped(value)), "round \(round): \(detector) value \(value) left in \(text)")
            }
        }
    }

    /// Walks both values together: the same shape and keys; numbers, booleans and null identical; a string either
    /// identical (when it held no planted value) or changed only where a planted value was.
    private static func compare(_ original: JSONValue, _ masked: JSONValue, round: Int) {
        switch (original, masked) {
        case (.array(let before), .array(let after)):
            #expect(before.count == after.count, "round \(round): array length")
            for (left, right) in zip(before, after) { compare(left, right, round: round) }
        case (.object(let before), .object(let after)):
            #expect(Set(before.keys) == Set(after.keys), "round \(round): keys")
            for (key, left) in before { if let right = after[key] { compare(left, right, round: round) } }
        case (.string(let before), .string(let after)):
            let holdsPlanted = Planted.values.contains { before.contains($0.value) }
            if holdsPlanted {
                #expect(before != after, "round \(round): \(before) kept a planted value")
                #expect(Self.fillerSurvives(before, after), "round \(round): \(before) became \(after)")
            } else {
                #expect(before == after, "round \(round): \(before) became \(after)")
            }
        default:
            #expect(original == masked, "round \(round): \(original.jsonText) became \(masked.jsonText)")
        }
    }

    /// Whether every filler word of `before` (split on spaces) that is not a planted value's piece is still in `after`.
    private static func fillerSurvives(_ before: String, _ after: String) -> Bool {
        let plantedPieces = Set(Planted.values.flatMap { $0.value.split(whereSeparator: \.isWhitespace).map(String.init) })
        return before.split(whereSeparator: \.isWhitespace).map(String.init)
            .filter { !plantedPieces.contains($0) && $0 != "|" }
            .allSatisfy { after.contains($0) }
    }

    /// `value` as it appears inside JSON text (the planted private key holds line breaks).
    private static func escaped(_ value: String) -> String {
        let text = JSONValue.string(value).jsonText
        return String(text.dropFirst().dropLast())
    }

    @Test func garbageNeverTrapsAndStaysValidText() async throws {
        let processor = try Fixtures.processor(["rules": [["detector": "email"], ["detector": "phone", "numbers": true],
                                                          ["detector": "custom", "name": "order", "pattern": "ORD-[0-9]+"]]])
        var random = SeededGenerator(seed: 42)
        let alphabet = Array("0123456789+-.:@()[]{}\"'=_ aZ\n\u{301}é🙂sk-eyJ-----BEGIN ORD-".unicodeScalars)
        for _ in 0..<2000 {
            let scalars = (0..<Int.random(in: 0...80, using: &random)).compactMap { _ in alphabet.randomElement(using: &random) }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            let input = JSONValue.string(String(text))
            let output = try await Fixtures.record(input, processor)
            // The output is a string again, and survives a JSON round trip (valid Unicode throughout).
            let string = try #require(output.stringValue)
            #expect(JSONValue(parsing: output.jsonText) == .string(string))
        }
    }
}
