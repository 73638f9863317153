import LanternPluginSDK

/// Finds the verdict's JSON object in an answer: the whole answer, or the first balanced `{…}` that parses, so JSON
/// inside code fences or after some prose is found too.
enum JSONObjectFinder {
    /// How many `{` are tried as a start. Each try scans to the end of the text at worst, so the bound keeps an answer
    /// full of stray braces linear instead of quadratic.
    static let maxCandidates = 64
    /// A verdict is two members deep at most; deeper candidates are not verdicts and are refused early.
    static let maxDepth = 32

    private static let openBrace: UInt8 = 0x7b, closeBrace: UInt8 = 0x7d, quote: UInt8 = 0x22, backslash: UInt8 = 0x5c

    /// The first object that has a `score` member, else the first object found; nil when there is none.
    static func verdictObject(in text: String) -> [String: JSONValue]? {
        if let whole = JSONValue.parse(text, maxDepth: maxDepth)?.objectValue { return whole }
        let bytes = Array(text.utf8)
        var first: [String: JSONValue]?
        var searchFrom = 0
        var tried = 0
        while tried < maxCandidates, let open = nextOpenBrace(in: bytes, from: searchFrom) {
            tried += 1
            guard let close = matchingClose(in: bytes, open: open),
                  let object = JSONValue.parse(String(decoding: bytes[open...close], as: UTF8.self), maxDepth: maxDepth)?.objectValue else {
                searchFrom = open + 1
                continue
            }
            // An answer may quote an example object before the verdict; the one with a score is the verdict.
            if Members.value(named: "score", in: object) != nil { return object }
            if first == nil { first = object }
            searchFrom = close + 1
        }
        return first
    }

    private static func nextOpenBrace(in bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            if bytes[index] == openBrace { return index }
            index += 1
        }
        return nil
    }

    /// The index of the `}` closing the `{` at `open`, skipping braces inside JSON strings; nil when it never closes.
    private static func matchingClose(in bytes: [UInt8], open: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var index = open
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == backslash { escaped = true } else if byte == quote { inString = false }
            } else if byte == quote {
                inString = true
            } else if byte == openBrace {
                depth += 1
            } else if byte == closeBrace {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Member lookup that forgives a model's capitalisation (`"Score"`).
enum Members {
    /// The member `name`, else the first member (in key order) whose name matches it ignoring case.
    static func value(named name: String, in object: [String: JSONValue]) -> JSONValue? {
        if let exact = object[name] { return exact }
        return object.keys.sorted().first { $0.lowercased() == name }.flatMap { object[$0] }
    }
}
