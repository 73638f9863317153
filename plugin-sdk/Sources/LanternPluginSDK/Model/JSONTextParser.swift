/// A small strict JSON parser (RFC 8259) producing ``JSONValue``: no throwing, no Foundation, bounded nesting.
///
/// Storage plugins parse every stored input, output and metadata column, and receivers parse attribute values;
/// Foundation's `JSONDecoder` into `JSONValue` throws and catches once per value to find its type, which costs
/// far more than the parse itself.
struct JSONTextParser {
    private let bytes: [UInt8]
    private var index = 0
    private let maxDepth: Int

    /// Parses `text`; nil when it is not exactly one JSON value or nests deeper than `maxDepth`.
    static func parse(_ text: String, maxDepth: Int) -> JSONValue? {
        var parser = JSONTextParser(bytes: Array(text.utf8), maxDepth: maxDepth)
        return parser.document()
    }

    private init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    private mutating func document() -> JSONValue? {
        skipWhitespace()
        guard let value = value(depth: 0) else { return nil }
        skipWhitespace()
        guard index == bytes.count else { return nil }  // trailing text: not one JSON value
        return value
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0a || bytes[index] == 0x0d || bytes[index] == 0x09 {
            index += 1
        }
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case 0x7b: return object(depth: depth + 1)
        case 0x5b: return array(depth: depth + 1)
        case 0x22: return string().map(JSONValue.string)
        case 0x74: return literal("true", .bool(true))
        case 0x66: return literal("false", .bool(false))
        case 0x6e: return literal("null", .null)
        default: return number()
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        var offset = 0
        let matches = word.withUTF8Buffer { expected in
            expected.allSatisfy { byte in
                defer { offset += 1 }
                return bytes[index + offset] == byte
            }
        }
        guard matches else { return nil }
        index += count
        return value
    }

    private mutating func object(depth: Int) -> JSONValue? {
        guard depth <= maxDepth else { return nil }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x7d {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x22, let key = string() else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == 0x3a else { return nil }
            index += 1
            skipWhitespace()
            guard let member = value(depth: depth) else { return nil }
            members[key] = member
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x2c {
                index += 1
            } else if bytes[index] == 0x7d {
                index += 1
                return .object(members)
            } else {
                return nil
            }
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        guard depth <= maxDepth else { return nil }
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == 0x5d {
            index += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            guard let item = value(depth: depth) else { return nil }
            items.append(item)
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == 0x2c {
                index += 1
            } else if bytes[index] == 0x5d {
                index += 1
                return .array(items)
            } else {
                return nil
            }
        }
    }

    /// A string starting at the opening quote; the index ends after the closing quote.
    private mutating func string() -> String? {
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x22 {
                let text = String(validating: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == 0x5c { break }
            if byte < 0x20 { return nil }
            index += 1
        }
        var out: [UInt8] = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x22:
                index += 1
                return String(validating: out, as: UTF8.self)
            case 0x5c:
                index += 1
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case 0x22, 0x5c, 0x2f: out.append(escape)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0c)
                case 0x6e: out.append(0x0a)
                case 0x72: out.append(0x0d)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard var scalar = hex4() else { return nil }
                    if (0xd800...0xdbff).contains(scalar) {
                        guard index + 1 < bytes.count, bytes[index] == 0x5c, bytes[index + 1] == 0x75 else { return nil }
                        index += 2
                        guard let low = hex4(), (0xdc00...0xdfff).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xd800) << 10) + (low - 0xdc00)
                    } else if (0xdc00...0xdfff).contains(scalar) {
                        return nil
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: Array(String(Character(unicode)).utf8))
                default:
                    return nil
                }
            default:
                if byte < 0x20 { return nil }
                out.append(byte)
                index += 1
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// A number by the JSON grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func number() -> JSONValue? {
        let start = index
        if index < bytes.count, bytes[index] == 0x2d { index += 1 }
        guard index < bytes.count else { return nil }
        if bytes[index] == 0x30 {
            index += 1
        } else if (0x31...0x39).contains(bytes[index]) {
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        } else {
            return nil
        }
        if index < bytes.count, bytes[index] == 0x2e {
            index += 1
            let digits = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > digits else { return nil }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 {
            index += 1
            if index < bytes.count, bytes[index] == 0x2b || bytes[index] == 0x2d { index += 1 }
            let digits = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
            guard index > digits else { return nil }
        }
        guard let text = String(validating: bytes[start..<index], as: UTF8.self), let number = Double(text), number.isFinite else { return nil }
        return .number(number)
    }
}

extension JSONValue {
    /// The deepest nesting ``init(parsing:)`` accepts.
    public static let defaultMaxDepth = 512

    /// Parses JSON text (RFC 8259, exactly one value); nil when it is not valid JSON or nests deeper than `maxDepth`.
    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) -> JSONValue? {
        JSONTextParser.parse(text, maxDepth: maxDepth)
    }
}
