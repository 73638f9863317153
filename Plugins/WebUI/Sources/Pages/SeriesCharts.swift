import Foundation

/// Charts of several series, drawn on the server as SVG with a legend: stacked columns over time (cost by model per
/// day), grouped bars (latency percentiles per trace name) and a histogram. Every shape carries its exact value in
/// a `<title>`, the hover text; labels are escaped.
enum SeriesCharts {
    /// A legend row: one swatch and name per series, in the series' colours.
    static func legend(_ names: [String], y: Double, colour: (String, Int) -> String = defaultColour) -> String {
        var out = "", x = 0.0
        for (index, name) in names.enumerated() {
            let text = Timeline.escape(String((name.isEmpty ? "(none)" : name).prefix(24)))
            out += "<rect class=\"\(colour(name, index))\" x=\"\(x)\" y=\"\(y - 9)\" width=\"10\" height=\"10\" rx=\"2\"/>"
            out += "<text class=\"label\" x=\"\(x + 14)\" y=\"\(y)\">\(text)</text>"
            x += 24 + Double(text.count) * 7
        }
        return out
    }

    /// The colour class of the series at `index`: the palette in order.
    static func defaultColour(_ name: String, _ index: Int) -> String { "series-\(index % 6)" }

    /// The colour class of an observation level, as the tree and the chips colour it.
    static func levelColour(_ name: String, _ index: Int) -> String { "lvl-" + name.lowercased().filter(\.isLetter) }

    /// Columns per time bucket, each stacked from the series' values at that bucket; one unnamed series draws no legend.
    static func stackedColumns(_ buckets: [String], _ series: [(name: String, values: [Double])], format: (Double) -> String,
                               label: String, colour: (String, Int) -> String = defaultColour) -> String {
        let totals = buckets.indices.map { index in series.reduce(0) { $0 + ($1.values.indices.contains(index) ? $1.values[index] : 0) } }
        guard let top = totals.max(), top > 0 else { return "<p class=\"muted\">No data in this time range.</p>" }
        let width = 640.0, height = 160.0, gap = 2.0
        let column = max((width - gap * Double(buckets.count)) / Double(buckets.count), 1)
        var out = "<svg class=\"chart columns\" role=\"img\" aria-label=\"\(Timeline.escape(label))\" viewBox=\"0 0 \(Int(width) + 90) \(Int(height) + 52)\" width=\"100%\">"
        out += "<text class=\"axis\" x=\"\(width + 4)\" y=\"12\">\(Timeline.escape(format(top)))</text>"
        out += "<line class=\"tick\" x1=\"0\" y1=\"\(height)\" x2=\"\(width)\" y2=\"\(height)\"/>"
        for (index, bucket) in buckets.enumerated() {
            var base = height
            let x = Double(index) * (column + gap)
            for (number, entry) in series.enumerated() {
                let value = entry.values.indices.contains(index) ? entry.values[index] : 0
                guard value > 0 else { continue }
                let barHeight = max(height * value / top, 1)
                base -= barHeight
                let seriesName = series.count == 1 && entry.name.isEmpty ? "" : " · " + (entry.name.isEmpty ? "(none)" : entry.name)
                out += "<g><title>\(Timeline.escape(Formatting.timestamp(bucket)))\(Timeline.escape(seriesName)): "
                out += "\(Timeline.escape(format(value)))</title><rect class=\"bar \(colour(entry.name, number))\" x=\"\(x)\" y=\"\(base)\" width=\"\(column)\" height=\"\(barHeight)\"/></g>"
            }
        }
        if let first = buckets.first, let last = buckets.last {
            out += "<text class=\"axis\" x=\"0\" y=\"\(height + 16)\">\(Timeline.escape(Formatting.timestamp(first)))</text>"
            out += "<text class=\"axis\" x=\"\(width)\" y=\"\(height + 16)\" text-anchor=\"end\">\(Timeline.escape(Formatting.timestamp(last)))</text>"
        }
        let unnamed = series.count == 1 && series[0].name.isEmpty
        return out + (unnamed ? "" : legend(series.map(\.name), y: height + 44, colour: colour)) + "</svg>"
    }

    /// Horizontal bars grouped per label, one bar per series (e.g. p50, p90, p99 of a trace name).
    static func groupedBars(_ rows: [(label: String, values: [Double])], series: [String], format: (Double) -> String, label: String) -> String {
        guard let top = rows.flatMap(\.values).max(), top > 0 else { return "<p class=\"muted\">No data in this time range.</p>" }
        let barHeight = 8.0, labelWidth = 220.0, barsWidth = 360.0
        let groupHeight = barHeight * Double(series.count) + 8
        let height = Double(rows.count) * groupHeight
        var out = "<svg class=\"chart bars\" role=\"img\" aria-label=\"\(Timeline.escape(label))\" viewBox=\"0 0 \(Int(labelWidth + barsWidth + 90)) \(Int(height + 24))\" width=\"100%\">"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * groupHeight
            let name = row.label.isEmpty ? "(none)" : row.label
            out += "<text class=\"label\" x=\"\(labelWidth - 6)\" y=\"\(y + groupHeight / 2 + 3)\" text-anchor=\"end\">\(Timeline.escape(String(name.prefix(30))))</text>"
            for (number, value) in row.values.enumerated() where number < series.count {
                let barTop = y + Double(number) * barHeight + 2, length = max(barsWidth * value / top, 1)
                out += "<g><title>\(Timeline.escape(name)) \(Timeline.escape(series[number])): \(Timeline.escape(format(value)))</title>"
                out += "<rect class=\"bar series-\(number % 6)\" x=\"\(labelWidth)\" y=\"\(barTop)\" width=\"\(length)\" height=\"\(barHeight - 1)\"/></g>"
            }
            if let largest = row.values.max() {
                out += "<text class=\"value\" x=\"\(labelWidth + barsWidth * largest / top + 6)\" y=\"\(y + groupHeight / 2 + 3)\">\(Timeline.escape(format(largest)))</text>"
            }
        }
        return out + legend(series, y: height + 18) + "</svg>"
    }

    /// A histogram: one column per bin, its range and count in the hover text.
    static func histogram(_ bins: [(lower: Double, upper: Double, count: Double)], label: String) -> String {
        guard let top = bins.map(\.count).max(), top > 0, let first = bins.first, let last = bins.last else { return "<p class=\"muted\">No scores.</p>" }
        let width = 300.0, height = 80.0, gap = 2.0
        let column = max((width - gap * Double(bins.count)) / Double(bins.count), 1)
        var out = "<svg class=\"chart histogram\" role=\"img\" aria-label=\"\(Timeline.escape(label))\" viewBox=\"0 0 \(Int(width) + 40) \(Int(height) + 18)\" width=\"100%\">"
        for (index, bin) in bins.enumerated() {
            let barHeight = max(height * bin.count / top, bin.count > 0 ? 1 : 0)
            out += "<g><title>\(Formatting.number(bin.lower))–\(Formatting.number(bin.upper)): \(Formatting.number(bin.count))</title>"
            out += "<rect class=\"bar series-2\" x=\"\(Double(index) * (column + gap))\" y=\"\(height - barHeight)\" width=\"\(column)\" height=\"\(barHeight)\"/></g>"
        }
        out += "<text class=\"axis\" x=\"0\" y=\"\(height + 14)\">\(Formatting.number(first.lower))</text>"
        out += "<text class=\"axis\" x=\"\(width)\" y=\"\(height + 14)\" text-anchor=\"end\">\(Formatting.number(last.upper))</text>"
        return out + "</svg>"
    }
}
