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

    /// The tree view's rows as HTML, written directly rather than through a template: a 1,000-observation trace
    /// has as many rows, and every value is escaped here.
    func rowsHTML(selectedID: String?, link: (String) -> String) -> String {
        var html = ""
        html.reserveCapacity(nodes.count * 400)
        for node in nodes {
            let o = node.observation
            let usage = o["usageDetails"]?.objectValue ?? [:]
            let level = (o["level"]?.stringValue ?? "DEFAULT").lowercased().filter(\.isLetter)
            let selected = node.id == selectedID
            let figures = [Formatting.latency(latency(node)), Formatting.cost(Self.cost(o)),
                           Formatting.tokens(input: usage["input"]?.numberValue, output: usage["output"]?.numberValue, total: usage["total"]?.numberValue),
                           o["model"]?.stringValue ?? o["providedModelName"]?.stringValue ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
            let type = node.type
            html += "<li role=\"treeitem\" aria-level=\"\(min(node.depth, 40) + 1)\" aria-selected=\"\(selected)\" class=\"depth-\(min(node.depth, 12))\">"
            html += "<a href=\"\(Timeline.escape(link(node.id)))\" class=\"node level-\(level)\(selected ? " selected" : "")\">"
            html += "<span class=\"badge \(Timeline.escape(type.lowercased()))\">\(Timeline.escape(type))</span> \(Timeline.escape(node.name)) "
            html += "<span class=\"figures\">\(Timeline.escape(figures))</span></a></li>\n"
        }
        return html
    }

    /// An observation's total cost, under the v1 (`calculatedTotalCost`) or the v2 (`totalCost`) name.
    static func cost(_ observation: [String: JSONValue]) -> Double? {
        observation["calculatedTotalCost"]?.numberValue ?? observation["totalCost"]?.numberValue
    }

    func latency(_ node: Node) -> Double? {
        guard let start = node.start, let end = node.end else { return nil }
        return end.timeIntervalSince(start)
    }
}
