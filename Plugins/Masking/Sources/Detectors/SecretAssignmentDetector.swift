/// Secrets written as `key=value` or `key: value` in text (`password=hunter2`, `"api_key": "abc"`, `?token=…&`),
/// where the key is a secret's name (``isSecretKey(_:)``); only the value is masked, so the text still says what was
/// there. In JSON, a string member whose key is a secret's name is masked whole (see ``JSONMasker``).
struct SecretAssignmentDetector: Detector {
    var name: String { "secret" }

    /// The names, compared ignoring case; a key may also end in one after `_`, `-` or `.` (`client_secret`,
    /// `x-api-key`, `db.password`), but not run into it (`max_tokens`, `tokenizer` are no secrets).
    private static let names = ["password", "passwd", "secret", "token", "api_key", "apikey", "api-key"].map(ASCII.bytes)
    /// How replacements start (``Replacer``).
    private static let redacted = ASCII.bytes("[REDACTED:")
    private static let hashed = ASCII.bytes("[HASH:")
    /// Bytes that end an unquoted value.
    private static let valueStops = ByteSet(",;&\"'<>()[]{}")

    func matches(in text: ScannedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var index = 0
        while index < text.count {
            let byte = text[index]
            guard byte == UInt8(ascii: "=") || byte == UInt8(ascii: ":"), hasSecretKey(before: index, text),
                  let value = value(after: index, text) else {
                index += 1
                continue
            }
            found.append(value)
            index = value.upperBound
        }
        return found
    }

    /// Whether `key` is a secret's name in the sense of ``names``.
    static func isSecretKey(_ key: String) -> Bool {
        endsInSecretName(Array(key.utf8)[...])
    }

    private static func endsInSecretName(_ key: ArraySlice<UInt8>) -> Bool {
        names.contains { name in
            guard key.count >= name.count, zip(key.suffix(name.count), name).allSatisfy({ ASCII.lowercased($0) == $1 }) else { return false }
            let before = key.dropLast(name.count).last
            return before == nil || before == UInt8(ascii: "_") || before == UInt8(ascii: "-") || before == UInt8(ascii: ".")
        }
    }

    /// Whether the key ending just before the separator at `separator` (after spaces and a closing quote) is a secret's.
    private func hasSecretKey(before separator: Int, _ text: ScannedText) -> Bool {
        var end = separator
        while end > 0, text[end - 1] == UInt8(ascii: " ") { end -= 1 }
        if text[end - 1] == UInt8(ascii: "\"") || text[end - 1] == UInt8(ascii: "'") { end -= 1 }
        if text[end - 1] == UInt8(ascii: "\\") { end -= 1 }  // a quote escaped in JSON text held in a string
        var start = end
        while start > 0, ASCII.isWord(text[start - 1]) || text[start - 1] == UInt8(ascii: "-") || text[start - 1] == UInt8(ascii: ".") {
            start -= 1
        }
        return start < end && Self.endsInSecretName(text.bytes[start..<end])
    }

    /// The value after the separator at `separator`: quoted (the quotes stay) or up to a space or stop character.
    private func value(after separator: Int, _ text: ScannedText) -> Range<Int>? {
        var start = separator + 1
        while text[start] == UInt8(ascii: " ") || text[start] == UInt8(ascii: "\t") { start += 1 }
        if text[start] == UInt8(ascii: "\\"), text[start + 1] == UInt8(ascii: "\"") { start += 1 }
        let quote = text[start]
        let end: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            start += 1
            var close = text.end(from: start) { $0 != quote && $0 != 0x0A }
            if text[close - 1] == UInt8(ascii: "\\") { close -= 1 }
            end = close
        } else {
            end = text.end(from: start) { !ASCII.isSpace($0) && !Self.valueStops.contains($0) }
        }
        guard end > start, text[start] != UInt8(ascii: "="), text[start] != UInt8(ascii: ":"), !isMasked(start..<end, text) else { return nil }
        return start..<end
    }

    /// Whether the value is already a replacement (or stars), so masking twice changes nothing.
    private func isMasked(_ range: Range<Int>, _ text: ScannedText) -> Bool {
        text.hasLiteral(Self.redacted, at: range.lowerBound) || text.hasLiteral(Self.hashed, at: range.lowerBound)
            || range.allSatisfy { text[$0] == UInt8(ascii: "*") }
    }
}
