import CSQLite

/// The aggregate functions that the SQLite statements of `MetricsSQL` call, registered on every connection:
///
/// - `lantern_percentile(x, p)`: the exact percentile `p` (0…1) of the non-NULL numbers `x`, interpolating
///   linearly between the two nearest ranks exactly as PostgreSQL's `percentile_cont`; NULL without values.
/// - `lantern_histogram(x, bins)`: JSON text `[[lower, upper, count], ...]` over `bins` (1…1000) equal-width
///   bins from the least to the greatest finite `x` (one bin when they are equal; the last bin includes its
///   upper bound); NULL without values. The same arithmetic as the PostgreSQL storage's `lantern_histogram`.
///
/// Each group collects its numbers in a ``MetricsAggregateState`` held through `sqlite3_aggregate_context` and
/// released by the final callback, which SQLite calls once for every group that stepped.
enum MetricsAggregates {
    /// The most bins a histogram has (the query language allows 100).
    static let maximumBins = 1000
    /// The bins of a histogram whose bin count is NULL or not a number.
    static let defaultBins = 10

    /// Registers both functions on `connection`; false when SQLite refuses either.
    static func register(on connection: OpaquePointer) -> Bool {
        let flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC
        let percentile = sqlite3_create_function_v2(
            connection, "lantern_percentile", 2, flags, nil, nil,
            { context, count, arguments in MetricsAggregates.step(context, count, arguments) },
            { context in MetricsAggregates.finishPercentile(context) }, nil)
        let histogram = sqlite3_create_function_v2(
            connection, "lantern_histogram", 2, flags, nil, nil,
            { context, count, arguments in MetricsAggregates.step(context, count, arguments) },
            { context in MetricsAggregates.finishHistogram(context) }, nil)
        return percentile == SQLITE_OK && histogram == SQLITE_OK
    }

    /// Adds one row: its number (when `x` is an integer or real) and, on the first row that has one, the
    /// second argument.
    private static func step(_ context: OpaquePointer?, _ count: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
        guard count == 2, let arguments else { return }
        guard let state = state(of: context) else {
            sqlite3_result_error_nomem(context)
            return
        }
        if state.parameter == nil { state.parameter = number(arguments[1]) }
        if let value = number(arguments[0]), !value.isNaN { state.values.append(value) }
    }

    /// Ends a `lantern_percentile` group.
    private static func finishPercentile(_ context: OpaquePointer?) {
        guard let state = takeState(of: context), !state.values.isEmpty else { return sqlite3_result_null(context) }
        guard let fraction = state.parameter, fraction >= 0, fraction <= 1 else {
            return sqlite3_result_error(context, "lantern_percentile: the fraction must be between 0 and 1", -1)
        }
        sqlite3_result_double(context, percentile(fraction, of: state.values.sorted()))
    }

    /// Ends a `lantern_histogram` group.
    private static func finishHistogram(_ context: OpaquePointer?) {
        let requested = takeState(of: context).map { ($0.values, $0.parameter) }
        guard let (values, parameter) = requested, let text = histogram(values, bins: parameter) else {
            return sqlite3_result_null(context)
        }
        sqlite3_result_text(context, text, -1, sqliteTransient)
    }

    /// The percentile `fraction` of `sorted` (not empty, ascending) as `percentile_cont` computes it.
    static func percentile(_ fraction: Double, of sorted: [Double]) -> Double {
        let position = fraction * Double(sorted.count - 1)
        let lower = min(max(Int(position.rounded(.down)), 0), sorted.count - 1)
        let upper = min(max(Int(position.rounded(.up)), 0), sorted.count - 1)
        guard lower != upper else { return sorted[lower] }
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }

    /// The histogram JSON text of the finite `values` over `bins` bins (``defaultBins`` when nil); nil when
    /// there is no finite value.
    static func histogram(_ values: [Double], bins: Double?) -> String? {
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        let requested = bins.map { $0.isFinite ? Int(min(max($0, 1), Double(maximumBins))) : defaultBins } ?? defaultBins
        var count = low == high ? 1 : requested
        var width = (high - low) / Double(count)
        if !(width > 0) || !width.isFinite {
            count = 1
            width = high - low
        }
        var counts = [Int](repeating: 0, count: count)
        for value in finite {
            let scaled = count == 1 ? 0 : ((value - low) / width).rounded(.down)
            let index = scaled.isFinite ? min(max(Int(scaled), 0), count - 1) : count - 1
            counts[index] += 1
        }
        let bins = counts.enumerated().map { index, total in
            let lower = low + Double(index) * width
            let upper = index == count - 1 ? high : low + Double(index + 1) * width
            return "[\(lower),\(upper),\(total)]"
        }
        return "[" + bins.joined(separator: ",") + "]"
    }

    /// The number in `value` when it is an SQLite integer or real; nil for NULL, text and blobs.
    private static func number(_ value: OpaquePointer?) -> Double? {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER, SQLITE_FLOAT: sqlite3_value_double(value)
        default: nil
        }
    }

    /// The group's state, created on its first row; nil when SQLite cannot allocate the slot.
    private static func state(of context: OpaquePointer?) -> MetricsAggregateState? {
        let size = Int32(MemoryLayout<UnsafeMutableRawPointer?>.stride)
        guard let slot = sqlite3_aggregate_context(context, size)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self) else {
            return nil
        }
        if let existing = slot.pointee { return Unmanaged<MetricsAggregateState>.fromOpaque(existing).takeUnretainedValue() }
        let state = MetricsAggregateState()
        slot.pointee = Unmanaged.passRetained(state).toOpaque()
        return state
    }

    /// Takes the group's state out of its slot, releasing the slot's reference; nil when no row stepped.
    private static func takeState(of context: OpaquePointer?) -> MetricsAggregateState? {
        guard let slot = sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: UnsafeMutableRawPointer?.self),
              let stored = slot.pointee else { return nil }
        slot.pointee = nil
        return Unmanaged<MetricsAggregateState>.fromOpaque(stored).takeRetainedValue()
    }
}

/// The numbers of one group of a metrics aggregate, and its second argument (fraction or bin count).
final class MetricsAggregateState {
    var values: [Double] = []
    var parameter: Double?
}
