import LanternPluginSDK

/// JSON parsing with a nesting bound checked before any recursive parser runs.
enum BoundedJSON {
    /// The deepest JSON nesting parsed out of attribute text; deeper text stays a string.
    static let maxValueDepth = 64

    /// The deepest `[`/`{` nesting in JSON text (brackets inside strings ignored); stops counting past `limit`.
    static func depth<Bytes: Sequence>(of bytes: Bytes, limit: Int) -> Int where Bytes.Element == UInt8 {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5c { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x5b, 0x7b:
                depth += 1
                if depth > deepest {
                    deepest = depth
                    if deepest > limit { return deepest }
                }
            case 0x5d, 0x7d: depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// Parses JSON text when it nests at most ``maxValueDepth`` deep; nil when invalid or too deep.
    static func parse(_ text: String) -> JSONValue? {
        guard !text.isEmpty else { return nil }
        return JSONValue.parse(text, maxDepth: maxValueDepth)
    }

    /// Parses text that looks like a JSON object or array (first non-blank character `{` or `[`); nil otherwise.
    static func parseContainer(_ text: String) -> JSONValue? {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0a && $0 != 0x0d && $0 != 0x09 }),
              first == 0x7b || first == 0x5b else { return nil }
        guard let value = parse(text) else { return nil }
        switch value {
        case .object, .array: return value
        default: return nil
        }
    }

    /// Parses text that should hold a JSON object; nil otherwise.
    static func parseObject(_ text: String) -> [String: JSONValue]? {
        parseContainer(text)?.objectValue
    }
}
