import Foundation

/// Counters plugins report through ``PluginHost/count(_:labels:by:)``, served on `/metrics` as
/// `lantern_plugin_<name>_total{component="<instance id>", …}`.
final class PluginCounters: Sendable {
    private struct Key: Hashable {
        var name: String
        var labels: [String: String]
    }

    private let values = LockedValue<[Key: Int]>([:])

    /// Adds `amount`; a name outside `[a-z0-9_]` or a negative amount is ignored (a plugin cannot break the exposition).
    func add(_ name: String, component: String, labels: [String: String], by amount: Int) {
        guard amount > 0, !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else { return }
        var all = labels
        all["component"] = component
        let key = Key(name: name, labels: all)
        values.withLock { $0[key, default: 0] += amount }
    }

    /// The Prometheus exposition, one family per name.
    func exposition() -> String {
        let snapshot = values.withLock { $0 }
        let families = Dictionary(grouping: snapshot, by: { $0.key.name })
        return families.keys.sorted().map { name in
            let metric = "lantern_plugin_\(name)_total"
            let lines = (families[name] ?? []).map { entry in
                let labels = entry.key.labels.keys.sorted().map { "\($0)=\"\(Self.escape(entry.key.labels[$0] ?? ""))\"" }.joined(separator: ",")
                return "\(metric){\(labels)} \(entry.value)"
            }.sorted()
            return "# HELP \(metric) Counted by plugins\n# TYPE \(metric) counter\n" + lines.joined(separator: "\n") + "\n"
        }.joined()
    }

    private static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
