import LanternPluginSDK

/// The JSONPath subset evaluator mappings use: `$`, `.key`, `['key']`, `[n]` (negative from the end) and `[*]` / `.*`.
/// Selecting yields no value (nil), one, or, once a wildcard was crossed, every match as an array (Langfuse's rule).
struct JSONPath: Sendable, Hashable {
    private enum Step: Hashable { case key(String), index(Int), wildcard }

    /// Why a path does not parse.
    struct SyntaxError: Error, CustomStringConvertible {
        let description: String
    }

    private let steps: [Step]

    init(_ text: String) throws(SyntaxError) {
        var characters = Substring(text.trimmingCharacters(in: .whitespaces))
        guard characters.first == "$" else { throw SyntaxError(description: "must start with $ (got '\(text)')") }
        characters = characters.dropFirst()
        var steps: [Step] = []
        while let first = characters.first {
            if first == "." {
                characters = characters.dropFirst()
                let key = characters.prefix { $0 != "." && $0 != "[" }
                guard !key.isEmpty else { throw SyntaxError(description: "a '.' must be followed by a key in '\(text)'") }
                steps.append(key == "*" ? .wildcard : .key(String(key)))
                characters = characters.dropFirst(key.count)
            } else if first == "[" {
                guard let close = characters.firstIndex(of: "]") else { throw SyntaxError(description: "unclosed '[' in '\(text)'") }
                let inner = characters[characters.index(after: characters.startIndex)..<close].trimmingCharacters(in: .whitespaces)
                if inner == "*" {
                    steps.append(.wildcard)
                } else if let index = Int(inner) {
                    steps.append(.index(index))
                } else if inner.count >= 2, let quote = inner.first, quote == "'" || quote == "\"", inner.last == quote {
                    steps.append(.key(String(inner.dropFirst().dropLast())))
                } else {
                    throw SyntaxError(description: "'[\(inner)]' is neither an index, '*' nor a quoted key in '\(text)'")
                }
                characters = characters[characters.index(after: close)...]
            } else {
                throw SyntaxError(description: "unexpected '\(first)' in '\(text)'")
            }
        }
        self.steps = steps
    }

    /// The selected value: nil when nothing matches.
    func select(in value: JSONValue) -> JSONValue? {
        var current: [JSONValue] = [value]
        var spread = false
        for step in steps {
            current = current.flatMap { Self.children(of: $0, at: step) }
            if step == .wildcard { spread = true }
        }
        if spread { return current.isEmpty ? nil : .array(current) }
        return current.first
    }

    private static func children(of node: JSONValue, at step: Step) -> [JSONValue] {
        switch (step, node) {
        case (.key(let key), .object(let object)):
            return object[key].map { [$0] } ?? []
        case (.index(let index), .array(let array)):
            let position = index >= 0 ? index : array.count + index
            return array.indices.contains(position) ? [array[position]] : []
        case (.wildcard, .array(let array)):
            return array
        case (.wildcard, .object(let object)):
            return object.keys.sorted().compactMap { object[$0] }
        default:
            return []
        }
    }
}
