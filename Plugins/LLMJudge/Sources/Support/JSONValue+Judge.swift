import LanternPluginSDK

extension JSONValue {
    /// The number as an `Int` when it is a whole number an `Int` holds exactly; nil otherwise (never traps).
    var exactInt: Int? {
        guard let number = numberValue, number.isFinite, number.rounded() == number, abs(number) < 9.0e15 else { return nil }
        return Int(number)
    }
}

/// How values are written into messages a person or the model reads.
enum DisplayText {
    /// The longest value quoted in an error; an answer can be long and the error names only what is wrong.
    static let maxQuoted = 120

    /// A number without a needless `.0`: `1`, `0.25`.
    static func number(_ value: Double) -> String {
        if value.isFinite, value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A JSON value as an error quotes it: strings in single quotes, numbers plainly, the rest as JSON, all shortened.
    static func quoted(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return "'\(shortened(text))'"
        case .number(let number): return self.number(number)
        default: return shortened(value.canonicalJSONText ?? "null")
        }
    }

    /// `text` cut to `limit` characters, marked with `…` when cut.
    static func shortened(_ text: String, limit: Int = maxQuoted) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
