import Foundation
import LanternPluginSDK

/// How the pages write numbers and times, as Langfuse's UI does: latency `1.23s`, cost in USD, tokens
/// `in → out (∑ total)`, timestamps to the millisecond in UTC.
enum Formatting {
    static func latency(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "" }
        if seconds < 1 { return String(format: "%.0fms", seconds * 1000) }
        return String(format: "%.2fs", seconds)
    }

    static func cost(_ usd: Double?) -> String {
        guard let usd, usd.isFinite, usd > 0 else { return "" }
        return usd >= 0.01 ? String(format: "$%.4f", usd) : String(format: "$%.6f", usd)
    }

    static func tokens(input: Double?, output: Double?, total: Double?) -> String {
        let total = total ?? ((input ?? 0) + (output ?? 0))
        guard total > 0 else { return "" }
        return "\(Int(input ?? 0)) → \(Int(output ?? 0)) (∑ \(Int(total)))"
    }

    static func timestamp(_ text: String?) -> String {
        guard let text, let date = ISO8601Timestamp.parse(text) else { return text ?? "" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        return formatter.string(from: date) + " UTC"
    }

    /// A template value that is absent when empty: Mustache renders a section for any string, the empty one included.
    static func present(_ text: String?) -> Any {
        guard let text, !text.isEmpty else { return false }
        return text
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%g", value)
    }

    /// A one-line preview of an input or output, at most `limit` characters.
    static func preview(_ value: JSONValue?, limit: Int = 120) -> String {
        guard let value, value != .null else { return "" }
        let text = value.stringValue ?? value.jsonText
        return text.count > limit ? String(text.prefix(limit)) + "…" : text
    }
}
