import Foundation
import Testing
import LanternPluginSDK

/// The SDK's canonical JSON writer and parser that storage plugins use for every stored JSON column.
@Suite("Canonical JSON text")
struct JSONTextTests {
    static let sample: JSONValue = [
        "zeta": 1, "alpha": [true, false, nil, 0, -1, 1.5, -2.25e-8, 1e300, 9_007_199_254_740_991],
        "text": "quote \" backslash \\ slash / newline \n tab \t nul \u{0} bell \u{7} del \u{7F} é 日本 👩‍👩‍👧",
        "nested": ["b": [["c": "d"]], "a": [:], "e": []],
    ]

    @Test func writesCompactSortedEscapedText() {
        let value: JSONValue = ["b": 1, "a": ["x": "q\"\n\u{1}"]]
        let text = value.jsonText
        #expect(text == #"{"a":{"x":"q\"\n\u0001"},"b":1}"#, "sorted keys, short escapes, \\u00XX for other control characters")
        #expect(JSONValue.number(3).jsonText == "3", "whole numbers without a fraction")
        #expect(JSONValue.number(0.1).jsonText == "0.1", "shortest round-trip form")
        #expect(JSONValue.number(.nan).canonicalJSONText == nil, "NaN cannot be written")
        #expect(JSONValue.array([.number(.infinity)]).canonicalJSONText == nil, "nested infinity cannot be written")
    }

    @Test func unorderedBytesHoldTheSameValue() throws {
        let bytes = Self.sample.unorderedJSONBytes
        #expect(JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) == Self.sample, "the parser reads the value back")
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        #expect(foundation == Self.sample, "Foundation reads the same value: valid JSON")
        #expect(JSONValue.array([.number(.nan)]).unorderedJSONBytes == Array("null".utf8), "a non-finite number writes null")
    }

    @Test func roundTripsThroughTheParserAndFoundation() throws {
        let text = Self.sample.jsonText
        #expect(JSONValue(parsing: text) == Self.sample, "the SDK parser reads back what the writer wrote")
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(foundation == Self.sample, "Foundation reads the same value: the text is valid JSON")
        let fromFoundation = String(decoding: try JSONEncoder().encode(Self.sample), as: UTF8.self)
        #expect(JSONValue(parsing: fromFoundation) == Self.sample, "the parser reads Foundation's text too")
    }

    @Test func rejectsInvalidAndTooDeepText() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "\"unterminated", "nul", "1 2", "{\"a\":1}x"] {
            // Compared with `.none`: a bare `nil` would mean JSON null here (JSONValue is ExpressibleByNilLiteral).
            #expect(JSONValue(parsing: bad) == Optional<JSONValue>.none, "invalid JSON \(bad.debugDescription)")
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONValue(parsing: deep) == Optional<JSONValue>.none, "600 levels exceed the default depth limit")
        #expect(JSONValue.parse(deep, maxDepth: 1000) != nil, "a larger limit accepts it")
    }
}
