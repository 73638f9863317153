import Foundation
import LanternPluginSDK

/// A trace's observations as a tree (by `parentObservationId`, children by start time), flattened in display order
/// with depths. An observation whose parent is missing hangs from the root, so nothing is lost.
struct ObservationTree {
    struct Node {
        let observation: [String: JSONValue]
        let depth: Int
        var id: String { observation["id"]?.stringValue ?? "" }
        var start: Date? { observation["startTime"]?.stringValue.flatMap(ISO8601Timestamp.parse) }
        var end: Date? { observation["endTime"]?.stringValue.flatMap(ISO8601Timestamp.parse) }
        var type: String { observation["type"]?.stringValue ?? "SPAN" }
        var name: String { observation["name"]?.stringValue ?? id }
    }

    let nodes: [Node]

    init(_ observations: [[String: JSONValue]]) {
        let ids = Set(observations.compactMap { $0["id"]?.stringValue })
        var children: [String: [[String: JSONValue]]] = [:]
        for observation in observations {
            let parent = observation["parentObservationId"]?.stringValue.flatMap { ids.contains($0) ? $0 : nil } ?? ""
            children[parent, default: []].append(observation)
        }
        for key in children.keys {
            children[key]?.sort { ($0["startTime"]?.stringValue ?? "", $0["id"]?.stringValue ?? "") < ($1["startTime"]?.stringValue ?? "", $1["id"]?.stringValue ?? "") }
        }
        var flat: [Node] = []
        var visited = Set<String>()
        // Iterative depth-first walk: a deep or cyclic parent chain cannot overflow the stack or loop.
        var stack: [(observation: [String: JSONValue], depth: Int)] = (children[""] ?? []).reversed().map { ($0, 0) }
        while let (observation, depth) = stack.popLast() {
            let id = observation["id"]?.stringValue ?? ""
            guard visited.insert(id).inserted else { continue }
            flat.append(Node(observation: observation, depth: depth))
            stack += (children[id] ?? []).reversed().map { ($0, depth + 1) }
        }
        nodes = flat
    }

    /// The rows of the tree view.
    func rows(selectedID: String?, link: (String) -> String) -> [[String: Any]] {
        nodes.map { node in
            let o = node.observation
            let usage = o["usageDetails"]?.objectValue ?? [:]
            return [
                "id": node.id, "href": link(node.id), "name": node.name, "type": node.type, "typeClass": node.type.lowercased(),
                "depth": min(node.depth, 40), "indentClass": "depth-\(min(node.depth, 12))",
                "level": o["level"]?.stringValue ?? "DEFAULT", "levelClass": (o["level"]?.stringValue ?? "DEFAULT").lowercased(),
                "latency": Formatting.latency(latency(node)), "cost": Formatting.cost(o["calculatedTotalCost"]?.numberValue),
                "tokens": Formatting.tokens(input: usage["input"]?.numberValue, output: usage["output"]?.numberValue, total: usage["total"]?.numberValue),
                "model": o["model"]?.stringValue ?? "", "selected": node.id == selectedID,
            ]
        }
    }

    func latency(_ node: Node) -> Double? {
        guard let start = node.start, let end = node.end else { return nil }
        return end.timeIntervalSince(start)
    }
}
