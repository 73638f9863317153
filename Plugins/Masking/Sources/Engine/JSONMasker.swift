import LanternPluginSDK

/// Masks JSON values structurally: strings are masked, object keys too (`maskKeys`), numbers only for rules with
/// `numbers: true`, booleans and null never; the shape stays. Containers nested deeper than ``maxDepth`` are left as
/// they are rather than walked, so no input can exhaust the stack (docs/architecture.md §2.14).
struct JSONMasker: Sendable {
    let book: RuleBook
    let text: TextMasker
    let maskKeys: Bool

    /// The kernel refuses JSON nested deeper than this, so nothing real is left unmasked.
    static let maxDepth = 64

    /// `value` masked with the rules of `scope`.
    func mask(_ value: JSONValue, scope: RuleScope, tally: inout DetectionTally) -> JSONValue {
        walk(value, scope: scope, depth: 0, tally: &tally)
    }

    /// Metadata members masked: the object is the outermost container, and member keys can bring keyed rules in.
    func mask(metadata: [String: JSONValue], tally: inout DetectionTally) -> [String: JSONValue] {
        let scope = book.scope(for: .metadata)
        guard !scope.isInert else { return metadata }
        return members(metadata, scope: scope, depth: 1, tally: &tally)
    }

    private func walk(_ value: JSONValue, scope: RuleScope, depth: Int, tally: inout DetectionTally) -> JSONValue {
        if scope.isInert { return value }
        switch value {
        case .string(let string):
            return text.mask(string, plan: scope.plan, tally: &tally).map(JSONValue.string) ?? value
        case .number(let number):
            return text.mask(number, plan: scope.plan, tally: &tally).map(JSONValue.string) ?? value
        case .array(let items):
            guard depth < Self.maxDepth else { return value }
            return .array(items.map { walk($0, scope: scope, depth: depth + 1, tally: &tally) })
        case .object(let object):
            guard depth < Self.maxDepth else { return value }
            return .object(members(object, scope: scope, depth: depth + 1, tally: &tally))
        case .null, .bool:
            return value
        @unknown default:
            return value
        }
    }

    /// The members of an object at `depth` (1 for the outermost), values and keys masked.
    private func members(_ object: [String: JSONValue], scope: RuleScope, depth: Int, tally: inout DetectionTally) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        values.reserveCapacity(object.count)
        for (key, value) in object {
            let below = book.scope(scope, below: key)
            values[key] = maskedMember(key: key, value: value, scope: below, depth: depth, tally: &tally)
        }
        guard maskKeys, !scope.plan.isEmpty else { return values }
        return KeyMasking.renamed(values) { text.mask($0, plan: scope.plan, tally: &tally) }
    }

    /// A member's value; a string under a secret's key (`"password": "…"`) is masked whole.
    private func maskedMember(key: String, value: JSONValue, scope: RuleScope, depth: Int, tally: inout DetectionTally) -> JSONValue {
        if case .string(let secret) = value, !secret.isEmpty, let entry = scope.plan.secretEntry,
           SecretAssignmentDetector.isSecretKey(key), !secret.hasPrefix("[REDACTED:"), !secret.hasPrefix("[HASH:") {
            tally.add(entry.detector.name)
            return .string(text.replacer.token(for: secret, detector: entry.detector.name, replacement: entry.replacement))
        }
        return walk(value, scope: scope, depth: depth, tally: &tally)
    }
}
