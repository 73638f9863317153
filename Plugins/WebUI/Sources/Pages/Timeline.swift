import Foundation

/// The timeline view as an SVG drawn on the server: one row per observation in tree order, a bar from its start to
/// its end on a time axis from the trace's first start to its last end (milliseconds to hours). Colours come from
/// the stylesheet by observation type; the bars link to the observation.
struct Timeline {
    let tree: ObservationTree
    static let rowHeight = 22.0, labelWidth = 260.0, barsWidth = 640.0

    func svg(link: (String) -> String) -> String {
        let starts = tree.nodes.compactMap(\.start), ends = tree.nodes.compactMap { $0.end ?? $0.start }
        guard let first = starts.min(), let last = ends.max() else { return "<p class=\"muted\">No observations with times.</p>" }
        let span = max(last.timeIntervalSince(first), 0.001)
        let height = Double(tree.nodes.count) * Self.rowHeight + 30
        var out = "<svg class=\"timeline\" role=\"img\" aria-label=\"Timeline of \(tree.nodes.count) observations\" viewBox=\"0 0 \(Int(Self.labelWidth + Self.barsWidth + 10)) \(Int(height))\" width=\"100%\">"
        for tick in 0...4 {
            let x = Self.labelWidth + Self.barsWidth * Double(tick) / 4
            out += "<line class=\"tick\" x1=\"\(x)\" y1=\"0\" x2=\"\(x)\" y2=\"\(height - 18)\"/>"
            out += "<text class=\"axis\" x=\"\(x)\" y=\"\(height - 4)\" text-anchor=\"middle\">\(Formatting.latency(span * Double(tick) / 4))</text>"
        }
        for (index, node) in tree.nodes.enumerated() {
            let y = Double(index) * Self.rowHeight
            let start = node.start.map { $0.timeIntervalSince(first) } ?? 0
            let duration = max((node.end ?? node.start).map { $0.timeIntervalSince(first) } ?? start, start) - start
            let x = Self.labelWidth + Self.barsWidth * start / span
            let width = max(Self.barsWidth * duration / span, 2)
            let label = Self.escape(String(repeating: "  ", count: min(node.depth, 12)) + node.name)
            out += "<a href=\"\(Self.escape(link(node.id)))\"><title>\(Self.escape(node.name)) · \(Formatting.latency(duration))</title>"
            out += "<text class=\"label\" x=\"4\" y=\"\(y + 15)\" xml:space=\"preserve\">\(label)</text>"
            out += "<rect class=\"bar \(Self.escape(node.type.lowercased()))\" x=\"\(x)\" y=\"\(y + 4)\" width=\"\(width)\" height=\"\(Self.rowHeight - 8)\" rx=\"2\"/></a>"
        }
        return out + "</svg>"
    }

    /// Text and attribute escaping for the SVG, which is built here rather than by a template.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
