import Foundation

/// The flame view (`view=flame`): x is time from the trace's first start, width the observation's duration, y its
/// depth in the tree, so nested work stacks under what called it; colour by type, or by cost (`color=cost`, the
/// most expensive observation darkest). Drawn on the server as SVG; every block links to its observation.
struct FlameGraph {
    let tree: ObservationTree
    static let rowHeight = 24.0, width = 900.0

    func svg(byCost: Bool, link: (String) -> String) -> String {
        let starts = tree.nodes.compactMap(\.start), ends = tree.nodes.compactMap { $0.end ?? $0.start }
        guard let first = starts.min(), let last = ends.max() else { return "<p class=\"muted\">No observations with times.</p>" }
        let span = max(last.timeIntervalSince(first), 0.001)
        let depth = (tree.nodes.map(\.depth).max() ?? 0) + 1
        let height = Double(depth) * Self.rowHeight + 24
        let costs = tree.nodes.map { ObservationTree.cost($0.observation) ?? 0 }
        let topCost = max(costs.max() ?? 0, 0)
        var out = "<svg class=\"flame\" role=\"img\" aria-label=\"Flame graph of \(tree.nodes.count) observations\" viewBox=\"0 0 \(Int(Self.width)) \(Int(height))\" width=\"100%\">"
        for (node, cost) in zip(tree.nodes, costs) {
            let start = node.start.map { $0.timeIntervalSince(first) } ?? 0
            let duration = max(((node.end ?? node.start).map { $0.timeIntervalSince(first) } ?? start) - start, 0)
            let x = Self.width * start / span, w = max(Self.width * duration / span, 2)
            let y = Double(node.depth) * Self.rowHeight
            let level = topCost > 0 ? min(Int((cost / topCost) * 4), 4) : 0
            let shade = byCost ? "cost-\(level)" : Timeline.escape(node.type.lowercased())
            out += "<a href=\"\(Timeline.escape(link(node.id)))\"><title>\(Timeline.escape(node.name)) · \(Formatting.latency(duration))"
            out += cost > 0 ? " · \(Formatting.cost(cost))</title>" : "</title>"
            out += "<rect class=\"block \(shade)\" x=\"\(x)\" y=\"\(y + 2)\" width=\"\(w)\" height=\"\(Self.rowHeight - 4)\" rx=\"2\"/>"
            if w > 40 {
                // The light cost shades (the cheap end) get dark labels.
                out += "<text class=\"label\(byCost && level <= 2 ? " dark" : "")\" x=\"\(x + 4)\" y=\"\(y + 16)\">\(Timeline.escape(String(node.name.prefix(Int(w / 7)))))</text>"
            }
            out += "</a>"
        }
        out += "<text class=\"axis\" x=\"0\" y=\"\(height - 4)\">0ms</text>"
        out += "<text class=\"axis\" x=\"\(Self.width)\" y=\"\(height - 4)\" text-anchor=\"end\">\(Formatting.latency(span))</text>"
        return out + "</svg>"
    }
}
