import Foundation

/// The provider's wait hint on a refused call, from `retry-after-ms` (OpenAI, in milliseconds) or `Retry-After`
/// (seconds or an HTTP date).
enum RetryAfter {
    /// Seconds to wait, or nil when the headers give no usable hint. Header names are lower-case (the host client's
    /// contract); a date in the past means 0.
    static func seconds(in headers: [String: String], now: Date) -> Double? {
        // The millisecond header first: it is the more precise of the two when a provider sends both.
        if let milliseconds = headers["retry-after-ms"].flatMap(nonNegativeNumber) { return milliseconds / 1000 }
        guard let value = headers["retry-after"] else { return nil }
        if let seconds = nonNegativeNumber(value) { return seconds }
        return httpDate(value).map { max(0, $0.timeIntervalSince(now)) }
    }

    /// A finite number ≥ 0; `Double("inf")` and `Double("nan")` parse, so finiteness is checked.
    private static func nonNegativeNumber(_ text: String) -> Double? {
        guard let number = Double(text.trimmingCharacters(in: .whitespaces)), number.isFinite, number >= 0 else { return nil }
        return number
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// An IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`), the one HTTP date form senders must produce (RFC 9110 §5.6.7).
    /// Parsed by hand: no locale-dependent formatter, and any malformed part is nil rather than a guess.
    static func httpDate(_ text: String) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), (1...31).contains(day),
              let monthIndex = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]), (1970...9999).contains(year) else {
            return nil
        }
        let clock = parts[4].split(separator: ":").map { Int($0) }
        guard clock.count == 3, let hour = clock[0], let minute = clock[1], let second = clock[2],
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        return calendar.date(from: DateComponents(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second))
    }
}
