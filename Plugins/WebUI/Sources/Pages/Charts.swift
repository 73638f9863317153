import Foundation

/// Charts drawn on the server as SVG (no script): bars for a value per label, and columns over time. Values and
/// labels are escaped; every bar carries its exact value in a `<title>`, the hover text.
enum Charts {
    /// Horizontal bars, longest first as given, with the value at the end of each bar.
    static func bars(_ rows: [(label: String, value: Double)], format: (Double) -> String, label: String) -> String {
        guard let top = rows.map(\.value).max(), top > 0 else { return "<p class=\"muted\">No data in this time range.</p>" }
        let rowHeight = 22.0, labelWidth = 220.0, barsWidth = 360.0
        let height = Double(rows.count) * rowHeight
        var out = "<svg class=\"chart bars\" role=\"img\" aria-label=\"\(Timeline.escape(label))\" viewBox=\"0 0 \(Int(labelWidth + barsWidth + 90)) \(Int(height))\" width=\"100%\">"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            let width = max(barsWidth * row.value / top, 1)
            let text = Timeline.escape(format(row.value)), name = Timeline.escape(row.label.isEmpty ? "(none)" : row.label)
            out += "<g><title>\(name): \(text)</title>"
            out += "<text class=\"label\" x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(Timeline.escape(String((row.label.isEmpty ? "(none)" : row.label).prefix(30))))</text>"
            out += "<rect class=\"bar series-\(index % 6)\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" rx=\"2\"/>"
            out += "<text class=\"value\" x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(text)</text></g>"
        }
        return out + "</svg>"
    }

    /// Columns per time bucket, with the first and last bucket's times on the axis.
    static func columns(_ points: [(time: String, value: Double)], format: (Double) -> String, label: String) -> String {
        SeriesCharts.stackedColumns(points.map(\.time), [("", points.map(\.value))], format: format, label: label)
    }
}
