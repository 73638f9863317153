import Foundation

/// Unix-nanosecond and ISO-8601 conversions without formatters (no shared mutable state, no traps).
enum Timestamps {
    /// The date for Unix nanoseconds; nil for 0 (absent).
    static func date(unixNanos: UInt64) -> Date? {
        guard unixNanos > 0 else { return nil }
        let seconds = Double(unixNanos / 1_000_000_000)
        let fraction = Double(unixNanos % 1_000_000_000) / 1_000_000_000
        return Date(timeIntervalSince1970: seconds + fraction)
    }

    /// ISO-8601 UTC text with milliseconds (`2024-05-01T12:00:00.250Z`).
    static func iso(_ date: Date) -> String {
        let millis = (date.timeIntervalSince1970 * 1000).rounded(.down)
        guard millis.isFinite, abs(millis) < 2.5e14 else { return "1970-01-01T00:00:00.000Z" }
        let total = Int64(millis)
        var days = total / 86_400_000
        var rest = total % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civil(fromDays: days)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let milli = rest % 1000
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let ms = milli < 10 ? "00\(milli)" : milli < 100 ? "0\(milli)" : "\(milli)"
        let yearText = year >= 0 && year < 10000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second)).\(ms)Z"
    }

    /// Parses `YYYY-MM-DD[Thh:mm[:ss[.fraction]]][Z|±hh[:]mm]`; a missing offset means UTC. nil when malformed.
    static func parseISO(_ text: String) -> Date? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        guard chars.count >= 10, chars.count <= 64 else { return nil }
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= chars.count else { return nil }
            var value: Int64 = 0
            for offset in 0..<width {
                let c = chars[index + offset]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            index += width
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard index < chars.count, let ascii = c.asciiValue, chars[index] == ascii else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        var fraction = 0.0
        if index < chars.count, chars[index] == UInt8(ascii: "T") || chars[index] == UInt8(ascii: "t") || chars[index] == UInt8(ascii: " ") {
            index += 1
            guard let h = number(2), expect(":"), let m = number(2) else { return nil }
            hour = h
            minute = m
            if expect(":") {
                guard let s = number(2) else { return nil }
                second = s
                if index < chars.count, chars[index] == UInt8(ascii: ".") || chars[index] == UInt8(ascii: ",") {
                    index += 1
                    var scale = 0.1
                    var digits = 0
                    while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                        fraction += Double(chars[index] - 48) * scale
                        scale /= 10
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                }
            }
            guard hour < 24, minute < 60, second < 61 else { return nil }
        }
        var offsetSeconds: Int64 = 0
        if index < chars.count {
            let sign = chars[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
                guard let oh = number(2) else { return nil }
                _ = expect(":")
                let om = number(2) ?? 0
                guard oh < 24, om < 60 else { return nil }
                offsetSeconds = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            } else {
                return nil
            }
        }
        guard index == chars.count else { return nil }
        let days = days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
