import Hummingbird

/// The router's routes by path template, so that a request for a known path with a method it does not serve gets
/// 405 and the methods it does (`Allow`), instead of the router's 404.
final class RouteTable: Sendable {
    /// One template's components (`nil` for a capture or `*`) and whether it ends in `**`, with its methods.
    private struct Entry: Sendable {
        let components: [String?]
        let catchAll: Bool
        let methods: Set<String>
    }

    private let entries = LockedValue<[Entry]>([])

    /// Records the router's routes; call once every route is registered.
    func load(_ routes: [(path: String, method: String)]) {
        var byTemplate: [String: Set<String>] = [:]
        for route in routes { byTemplate[route.path, default: []].insert(route.method) }
        let loaded = byTemplate.map { template, methods in
            var parts = template.split(separator: "/").map(String.init)
            let catchAll = parts.last == "**"
            if catchAll { parts.removeLast() }
            let components = parts.map { part -> String? in
                part == "*" || part.hasPrefix(":") || (part.hasPrefix("{") && part.hasSuffix("}")) ? nil : part
            }
            return Entry(components: components, catchAll: catchAll, methods: methods)
        }
        entries.withLock { $0 = loaded }
    }

    /// The methods served on `path`, sorted; empty when no route's template matches it.
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/").map { String($0) }
        var found: Set<String> = []
        for entry in entries.value where Self.matches(parts, entry) { found.formUnion(entry.methods) }
        return found.sorted()
    }

    private static func matches(_ parts: [String], _ entry: Entry) -> Bool {
        if entry.catchAll ? parts.count < entry.components.count : parts.count != entry.components.count { return false }
        for (index, component) in entry.components.enumerated() where component != nil && component != parts[index] {
            return false
        }
        return true
    }
}
