import Foundation

/// The one ISO-8601 codec of Lantern, used by the kernel and by plugins, so every component reads and writes
/// timestamps with the same grammar. Pure arithmetic: no formatter state, no C time functions, no traps on any input.
public enum ISO8601Timestamp {
    /// Parses `YYYY-MM-DD[(T|t| )hh:mm[:ss[(.|,)fraction]]][Z|z|±hh[:]mm]`. A date alone means midnight UTC and a
    /// missing offset means UTC. Returns nil when the text is malformed; surrounding whitespace is malformed too.
    public static func parse(_ text: String) -> Date? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.date()
    }

    /// `2024-05-01T12:00:00.123Z`: UTC, milliseconds rounded down. Years past 9999 get more digits, years before
    /// 0 a sign; dates beyond ±280,000 years (and non-finite ones) are clamped to that range.
    public static func format(_ date: Date) -> String {
        let limit = 9e15
        let raw = (date.timeIntervalSince1970 * 1000).rounded(.down)
        let totalMilliseconds = Int64(raw.isNaN ? 0 : min(max(raw, -limit), limit))
        var days = totalMilliseconds / 86_400_000
        var rest = totalMilliseconds % 86_400_000
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = CivilCalendar.date(fromDays: days)
        let yearDigits = max(4, String(year.magnitude).utf8.count)
        let length = (year < 0 ? 1 : 0) + yearDigits + 20
        // Written in place: this runs for every timestamp of every answer (a trace of 200 observations has ~800).
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            func put(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            func put(_ value: Int64, digits: Int) {
                var remaining = value.magnitude
                for position in stride(from: index + digits - 1, through: index, by: -1) {
                    buffer[position] = UInt8(48 + remaining % 10)
                    remaining /= 10
                }
                index += digits
            }
            if year < 0 { put(45) }
            put(year, digits: yearDigits)
            put(45); put(month, digits: 2)
            put(45); put(day, digits: 2)
            put(84); put(rest / 3_600_000, digits: 2)
            put(58); put(rest / 60_000 % 60, digits: 2)
            put(58); put(rest / 1000 % 60, digits: 2)
            put(46); put(rest % 1000, digits: 3)
            put(90)
            return index
        }
    }

    /// A cursor over the bytes of one timestamp.
    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        mutating func date() -> Date? {
            guard bytes.count <= 64, let year = number(4), take(45), let month = number(2), take(45), let day = number(2),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            var seconds: Int64 = 0
            var fraction = 0.0
            if take(84) || take(116) || take(32) {
                guard let hour = number(2), take(58), let minute = number(2), hour < 24, minute < 60 else { return nil }
                seconds = hour * 3600 + minute * 60
                if take(58) {
                    guard let second = number(2), second < 61 else { return nil }
                    seconds += second
                    if take(46) || take(44) {
                        guard let value = self.fraction() else { return nil }
                        fraction = value
                    }
                }
            }
            guard let offset = offsetSeconds(), index == bytes.count else { return nil }
            let days = CivilCalendar.days(fromYear: year, month: month, day: day)
            return Date(timeIntervalSince1970: Double(days * 86_400 + seconds - offset) + fraction)
        }

        /// `Z`, `z`, `±hh[:]mm`, `±hh` or nothing (UTC); nil when malformed.
        private mutating func offsetSeconds() -> Int64? {
            guard index < bytes.count else { return 0 }
            if take(90) || take(122) { return 0 }
            let sign: Int64 = bytes[index] == 45 ? -1 : 1
            guard take(43) || take(45), let hours = number(2), hours < 24 else { return nil }
            _ = take(58)
            let minutes = index < bytes.count ? number(2) : 0
            guard let minutes, minutes < 60 else { return nil }
            return sign * (hours * 3600 + minutes * 60)
        }

        /// The digits after a decimal separator, at least one.
        private mutating func fraction() -> Double? {
            var value = 0.0, scale = 0.1
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) {
                value += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            return index > start ? value : nil
        }

        private mutating func number(_ count: Int) -> Int64? {
            guard index + count <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += count
            return value
        }

        private mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
    }
}

/// Conversions between proleptic Gregorian dates and days since 1970-01-01 (Howard Hinnant's algorithms).
enum CivilCalendar {
    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func date(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
