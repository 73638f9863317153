import LanternPluginSDK
import Yams

/// Typed access to YAML nodes that records an issue (with file, line and key path) for every mismatch.
struct NodeReader {
    let file: String
    var issues: [ConfigIssue]

    /// Records an issue at `node`'s position.
    mutating func report(_ node: Node?, at keyPath: String, _ message: String) {
        issues.append(ConfigIssue(file: file, line: node?.mark?.line, column: node?.mark?.column, keyPath: keyPath, message: message))
    }

    func isPlain(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node { return scalar.style == .plain }
        return false
    }

    mutating func mapping(_ node: Node, at keyPath: String) -> Node.Mapping? {
        if case .mapping(let map) = node { return map }
        report(node, at: keyPath, "must be a mapping (key: value)")
        return nil
    }

    mutating func string(_ node: Node, at keyPath: String) -> String? {
        if case .scalar(let scalar) = node { return scalar.string }
        report(node, at: keyPath, "must be a string")
        return nil
    }

    mutating func strings(_ node: Node, at keyPath: String) -> [String]? {
        guard case .sequence(let items) = node else {
            report(node, at: keyPath, "must be a list of strings")
            return nil
        }
        return items.enumerated().compactMap { index, item in string(item, at: "\(keyPath)[\(index)]") }
    }

    mutating func integer(_ node: Node, at keyPath: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            report(node, at: keyPath, "must be a whole number (got \(node.string ?? "a non-scalar"))")
            return nil
        }
        guard range.contains(value) else {
            report(node, at: keyPath, "must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
            return nil
        }
        return value
    }

    mutating func boolean(_ node: Node, at keyPath: String) -> Bool? {
        guard case .scalar = node, let value = node.bool else {
            report(node, at: keyPath, "must be true or false (got \(node.string ?? "a non-scalar"))")
            return nil
        }
        return value
    }

    /// Converts a node to JSON; plain scalars resolve to null, booleans and numbers as YAML 1.2 core says.
    mutating func json(_ node: Node, at keyPath: String) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .number(Double(int)) }
            if let double = node.float { return .number(double) }
            return .string(scalar.string)
        case .sequence(let items):
            return .array(items.enumerated().map { index, item in json(item, at: "\(keyPath)[\(index)]") })
        case .mapping(let map):
            var object: [String: JSONValue] = [:]
            for (key, value) in map {
                let name = key.string ?? ""
                object[name] = json(value, at: "\(keyPath).\(name)")
            }
            return .object(object)
        case .alias:
            report(node, at: keyPath, "YAML aliases are not supported")
            return .null
        }
    }

    /// Reports every key of `map` not in `allowed`, suggesting the nearest allowed key.
    mutating func rejectUnknownKeys(_ map: Node.Mapping, at keyPath: String, allowed: [String]) {
        for (key, _) in map {
            let name = key.string ?? ""
            guard !allowed.contains(name) else { continue }
            let path = keyPath.isEmpty ? name : "\(keyPath).\(name)"
            report(key, at: path, UnknownKey.message(name, allowed: allowed))
        }
    }
}

/// Wording for unknown keys and names: "did you mean …", else the list of known ones.
enum UnknownKey {
    static func message(_ name: String, allowed: [String], noun: String = "key") -> String {
        if let near = nearest(to: name, in: allowed) {
            return "unknown \(noun) '\(name)'; did you mean '\(near)'?"
        }
        let known = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
        return "unknown \(noun) '\(name)' (known: \(known))"
    }

    /// The candidate within edit distance 2 (or a third of the length), if any.
    static func nearest(to name: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, name.count / 3) ? best.0 : nil
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
