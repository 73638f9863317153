import Foundation

/// ISO-8601 timestamps as Langfuse writes and reads them.
enum Timestamp {
    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]` (a date alone means midnight UTC; no offset means UTC).
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, fraction = 0.0
        if index < bytes.count, bytes[index] == 84 || bytes[index] == 116 || bytes[index] == 32 {
            index += 1
            guard let h = number(2), expect(58), let m = number(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if expect(58) {
                guard let s = number(2), s < 61 else { return nil }
                second = s
                if expect(46) || expect(44) {
                    var scale = 0.1
                    let start = index
                    while index < bytes.count, (48...57).contains(bytes[index]) {
                        fraction += Double(bytes[index] - 48) * scale
                        scale /= 10
                        index += 1
                    }
                    guard index > start else { return nil }
                }
            }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            if bytes[index] == 90 || bytes[index] == 122 {
                index += 1
            } else if bytes[index] == 43 || bytes[index] == 45 {
                let sign = bytes[index] == 45 ? -1 : 1
                index += 1
                guard let oh = number(2) else { return nil }
                _ = expect(58)
                let om = number(2) ?? 0
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
        }
        guard index == bytes.count else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epoch - offsetSeconds) + fraction)
    }

    /// `2024-05-01T12:00:00.123Z`, millisecond precision, UTC. Years past 9999 get more digits, negative years a sign.
    static func format(_ date: Date) -> String {
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded(.down)
        var seconds = time_t(floor(totalMilliseconds / 1000))
        let milliseconds = Int(totalMilliseconds - Double(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        let yearDigits = max(4, String(year.magnitude).utf8.count)
        let length = (year < 0 ? 1 : 0) + yearDigits + 20
        // Written in place: this runs for every timestamp of every answer (a trace of 200 observations has ~800).
        return String(unsafeUninitializedCapacity: length) { buffer in
            var index = 0
            func put(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            func put(_ value: Int, digits: Int) {
                var remaining = value.magnitude
                for position in stride(from: index + digits - 1, through: index, by: -1) {
                    buffer[position] = UInt8(48 + remaining % 10)
                    remaining /= 10
                }
                index += digits
            }
            if year < 0 { put(45) }
            put(year, digits: yearDigits)
            put(45); put(Int(parts.tm_mon) + 1, digits: 2)
            put(45); put(Int(parts.tm_mday), digits: 2)
            put(84); put(Int(parts.tm_hour), digits: 2)
            put(58); put(Int(parts.tm_min), digits: 2)
            put(58); put(Int(parts.tm_sec), digits: 2)
            put(46); put(milliseconds, digits: 3)
            put(90)
            return index
        }
    }
}
