import Foundation
import LanternPluginSDK

/// One read-only connection; the storage keeps several and spreads queries over them.
actor SQLiteReader {
    private let connection: SQLiteConnection

    init(connection: sending SQLiteConnection) { self.connection = connection }

    func close() { connection.close() }

    func query<T: Sendable>(_ sql: String, _ values: [SQLValue] = [], _ map: (Row) -> T?) throws -> [T] {
        try connection.query(sql, values, map)
    }

    func count(_ sql: String, _ values: [SQLValue]) throws -> Int {
        Int(try connection.query(sql, values) { $0.integer(0) }.first ?? 0)
    }

    /// The traces' derived figures, computed for the whole set in three queries.
    func summaries(_ traces: [Trace], projectID: String) throws -> [TraceSummary] {
        guard !traces.isEmpty else { return [] }
        let ids = traces.map(\.id)
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let values: [SQLValue] = [.text(projectID)] + ids.map { .text($0) }
        var observationIDs: [String: [String]] = [:]
        for (traceID, id) in try connection.query(
            "SELECT trace_id, id FROM observations WHERE project_id = ? AND trace_id IN (\(placeholders)) ORDER BY start_time, id", values,
            { row in row.text(0).flatMap { t in row.text(1).map { (t, $0) } } }) {
            observationIDs[traceID, default: []].append(id)
        }
        var scoreIDs: [String: [String]] = [:]
        for (traceID, id) in try connection.query(
            "SELECT trace_id, id FROM scores WHERE project_id = ? AND trace_id IN (\(placeholders)) ORDER BY timestamp DESC, id", values,
            { row in row.text(0).flatMap { t in row.text(1).map { (t, $0) } } }) {
            scoreIDs[traceID, default: []].append(id)
        }
        var figures: [String: (latency: Double?, cost: Double?)] = [:]
        for (traceID, latency, cost) in try connection.query("""
            SELECT trace_id, MAX(COALESCE(end_time, start_time)) - MIN(start_time), SUM(total_cost)
            FROM observations WHERE project_id = ? AND trace_id IN (\(placeholders)) GROUP BY trace_id
            """, values, { row in row.text(0).map { ($0, row.integer(1).map { Double($0) / 1_000_000 }, row.real(2)) } }) {
            figures[traceID] = (latency, cost)
        }
        return traces.map { trace in
            TraceSummary(trace: trace, observationIDs: observationIDs[trace.id] ?? [], scoreIDs: scoreIDs[trace.id] ?? [],
                         latency: figures[trace.id]?.latency, totalCost: figures[trace.id]?.cost)
        }
    }
}
