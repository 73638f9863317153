import Foundation
import LanternPluginSDK

/// An OTLP `AnyValue`, independent of the wire format it arrived in.
///
/// Not `indirect`: arrays and key-value lists already hold their elements on the heap, and an indirect enum would box
/// every scalar too (one allocation per attribute of every span).
enum AttributeValue: Sendable, Hashable {
    case string(String)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case bytes([UInt8])
    case array([AttributeValue])
    case kvlist([KeyValue])
    /// An `AnyValue` with no value set.
    case empty

    /// One key/value pair of a key-value list.
    struct KeyValue: Sendable, Hashable {
        var key: String
        var value: AttributeValue
    }

    /// The deepest nesting of arrays and key-value lists accepted; deeper exports are rejected with 400.
    static let maxDepth = 64

    /// The value as JSON: numbers stay numbers, key-value lists become objects, bytes become base64 text.
    var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .bool(let flag): .bool(flag)
        case .int(let number): .number(Double(number))
        case .double(let number): number.isFinite ? .number(number) : .string("\(number)")
        case .bytes(let bytes): .string(Data(bytes).base64EncodedString())
        case .array(let items): .array(items.map(\.json))
        case .kvlist(let pairs):
            .object(Dictionary(pairs.map { ($0.key, $0.value.json) }, uniquingKeysWith: { _, last in last }))
        case .empty: .null
        }
    }

    /// The value as text: strings as they are, scalars printed, anything else as compact JSON.
    var text: String {
        switch self {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .int(let number): String(number)
        case .double(let number): NumberText.format(number)
        default: json.jsonText
        }
    }

    /// Whether JavaScript would call the value truthy (how Langfuse tests most attributes): not "", 0, false or empty.
    var isTruthy: Bool {
        switch self {
        case .string(let text): !text.isEmpty
        case .bool(let flag): flag
        case .int(let number): number != 0
        case .double(let number): number != 0 && !number.isNaN
        case .empty: false
        default: true
        }
    }

    /// The value as a number: numbers as they are, numeric strings parsed; nil otherwise.
    var number: Double? {
        switch self {
        case .int(let number): Double(number)
        case .double(let number): number.isFinite ? number : nil
        case .string(let text):
            Double(text.trimmingCharacters(in: .whitespaces)).flatMap { $0.isFinite ? $0 : nil }
        default: nil
        }
    }

    /// The string, when this is a string.
    var stringValue: String? { if case .string(let text) = self { text } else { nil } }
}

/// Prints doubles the way JavaScript does for the common cases: integral values without a fraction.
enum NumberText {
    static func format(_ number: Double) -> String {
        if number.isFinite, number.rounded() == number, abs(number) < 9.0e15 { return String(Int64(number)) }
        return "\(number)"
    }
}
