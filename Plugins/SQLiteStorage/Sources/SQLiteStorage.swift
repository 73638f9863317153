import Foundation
import Synchronization
import LanternPluginSDK

/// Lantern's SQLite storage: one file in WAL mode, one writer actor and a pool of read-only connections.
///
/// Durability: `synchronous=FULL`, and `write` returns only after `COMMIT`, so an acknowledged event survives a crash.
final class SQLiteStorage: StorageBackend {
    struct Settings: Sendable {
        let path: String
        let readers: Int
        let busyTimeoutMs: Int
    }

    private struct Connections: Sendable {
        let writer: SQLiteWriter
        let readers: [SQLiteReader]
    }

    private let settings: Settings
    private let state = Mutex<Connections?>(nil)
    private let nextReader = Mutex(0)

    init(settings: Settings) { self.settings = settings }

    func start(host: any PluginHost) async throws {
        guard state.withLock({ $0 }) == nil else { return }
        let folder = URL(fileURLWithPath: settings.path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw StorageError.unavailable("cannot create the folder \(folder) for the SQLite database: \(error.localizedDescription)")
        }
        let writerConnection = try SQLiteConnection(path: settings.path, readOnly: false, busyTimeoutMs: settings.busyTimeoutMs)
        try writerConnection.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
        let readers = try (0..<settings.readers).map { _ in
            SQLiteReader(connection: try SQLiteConnection(path: settings.path, readOnly: true, busyTimeoutMs: settings.busyTimeoutMs))
        }
        let connections = Connections(writer: SQLiteWriter(connection: writerConnection), readers: readers)
        state.withLock { $0 = connections }
        host.logger.info("SQLite storage opened", ["path": settings.path, "readers": "\(settings.readers)"])
    }

    func shutdown() async {
        guard let connections = state.withLock({ current -> Connections? in defer { current = nil }; return current }) else { return }
        await connections.writer.close()
        for reader in connections.readers { await reader.close() }
    }

    func migrate() async throws { try await writer().migrate() }

    // MARK: ProjectStore

    func upsertProject(_ project: Project) async throws { try await writer().upsertProject(project) }

    func projects() async throws -> [Project] {
        try await reader().query("SELECT id, name, metadata, created_at FROM projects ORDER BY name", [], Self.project)
    }

    func project(named name: String) async throws -> Project? {
        try await reader().query("SELECT id, name, metadata, created_at FROM projects WHERE name = ?", [.text(name)], Self.project).first
    }

    func project(id: String) async throws -> Project? {
        try await reader().query("SELECT id, name, metadata, created_at FROM projects WHERE id = ?", [.text(id)], Self.project).first
    }

    func upsertAPIKey(_ key: APIKey) async throws { try await writer().upsertAPIKey(key) }

    func apiKey(publicKey: String) async throws -> APIKey? {
        try await reader().query("SELECT id, project_id, public_key, secret_hash, display_secret, created_at FROM api_keys WHERE public_key = ?",
                                 [.text(publicKey)]) { row -> APIKey? in
            guard let id = row.text(0), let projectID = row.text(1), let key = row.text(2), let hash = row.text(3),
                  let display = row.text(4), let created = SQLiteCoding.date(row.integer(5)) else { return nil }
            return APIKey(id: id, projectID: projectID, publicKey: key, secretHash: hash, displaySecret: display, createdAt: created)
        }.first
    }

    // MARK: IngestionStore

    func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        try await writer().write(events, projectID: projectID)
    }

    // MARK: TraceReader

    func traces(projectID: String, query: TraceQuery) async throws -> Page<TraceSummary> {
        let filter = SQLiteFilter.traces(query, projectID: projectID)
        let order = "\(SQLiteFilter.traceSortColumn(query.orderBy)) \(query.direction == .ascending ? "ASC" : "DESC"), id \(query.direction == .ascending ? "ASC" : "DESC")"
        let reader = try reader()
        let total = try await reader.count("SELECT COUNT(*) FROM traces WHERE \(filter.sql)", filter.values)
        let rows = try await reader.query("SELECT \(TraceRows.traceColumns) FROM traces WHERE \(filter.sql) ORDER BY \(order) LIMIT ? OFFSET ?",
                                          filter.values + [.integer(Int64(query.page.limit)), .integer(Int64(query.page.offset))], TraceRows.trace)
        return Page(items: try await reader.summaries(rows, projectID: projectID), totalItems: total, request: query.page)
    }

    func trace(projectID: String, id: String) async throws -> TraceSummary? {
        let reader = try reader()
        let rows = try await reader.query("SELECT \(TraceRows.traceColumns) FROM traces WHERE project_id = ? AND id = ?",
                                          [.text(projectID), .text(id)], TraceRows.trace)
        return try await reader.summaries(rows, projectID: projectID).first
    }

    func observations(projectID: String, traceIDs: [String]) async throws -> [Observation] {
        guard !traceIDs.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: traceIDs.count).joined(separator: ", ")
        return try await reader().query(
            "SELECT \(TraceRows.observationColumns) FROM observations WHERE project_id = ? AND trace_id IN (\(placeholders)) ORDER BY start_time, id",
            [.text(projectID)] + traceIDs.map { .text($0) }, TraceRows.observation)
    }

    func observations(projectID: String, query: ObservationQuery) async throws -> Page<Observation> {
        let filter = SQLiteFilter.observations(query, projectID: projectID)
        let reader = try reader()
        let total = try await reader.count("SELECT COUNT(*) FROM observations o WHERE \(filter.sql)", filter.values)
        let columns = TraceRows.observationColumns.split(separator: ",").map { "o." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        let items = try await reader.query("SELECT \(columns) FROM observations o WHERE \(filter.sql) ORDER BY o.start_time DESC, o.id DESC LIMIT ? OFFSET ?",
                                           filter.values + [.integer(Int64(query.page.limit)), .integer(Int64(query.page.offset))], TraceRows.observation)
        return Page(items: items, totalItems: total, request: query.page)
    }

    func observation(projectID: String, id: String) async throws -> Observation? {
        try await reader().query("SELECT \(TraceRows.observationColumns) FROM observations WHERE project_id = ? AND id = ?",
                                 [.text(projectID), .text(id)], TraceRows.observation).first
    }

    func scores(projectID: String, traceIDs: [String]) async throws -> [Score] {
        guard !traceIDs.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: traceIDs.count).joined(separator: ", ")
        return try await reader().query(
            "SELECT \(TraceRows.scoreColumns) FROM scores WHERE project_id = ? AND trace_id IN (\(placeholders)) ORDER BY timestamp DESC, id",
            [.text(projectID)] + traceIDs.map { .text($0) }, TraceRows.score)
    }

    func deleteTraces(projectID: String, ids: [String]) async throws -> Int {
        try await writer().deleteTraces(projectID: projectID, ids: ids)
    }

    func sessions(projectID: String, query: SessionQuery) async throws -> Page<Session> {
        var filter = SQLiteFilter(projectID: projectID)
        filter.oneOf("environment", query.environments)
        if let from = query.fromTimestamp { filter.add("created_at >= ?", SQLiteCoding.date(from)) }
        if let to = query.toTimestamp { filter.add("created_at < ?", SQLiteCoding.date(to)) }
        let reader = try reader()
        let total = try await reader.count("SELECT COUNT(*) FROM sessions WHERE \(filter.sql)", filter.values)
        let items = try await reader.query("SELECT project_id, id, environment, created_at FROM sessions WHERE \(filter.sql) ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                                           filter.values + [.integer(Int64(query.page.limit)), .integer(Int64(query.page.offset))], TraceRows.session)
        return Page(items: items, totalItems: total, request: query.page)
    }

    func session(projectID: String, id: String) async throws -> Session? {
        try await reader().query("SELECT project_id, id, environment, created_at FROM sessions WHERE project_id = ? AND id = ?",
                                 [.text(projectID), .text(id)], TraceRows.session).first
    }

    func traces(projectID: String, sessionID: String) async throws -> [TraceSummary] {
        let reader = try reader()
        let rows = try await reader.query("SELECT \(TraceRows.traceColumns) FROM traces WHERE project_id = ? AND session_id = ? ORDER BY timestamp, id",
                                          [.text(projectID), .text(sessionID)], TraceRows.trace)
        return try await reader.summaries(rows, projectID: projectID)
    }

    // MARK: Connections

    func writer() throws -> SQLiteWriter {
        guard let connections = state.withLock({ $0 }) else { throw StorageError.unavailable("SQLite storage is not started") }
        return connections.writer
    }

    func reader() throws -> SQLiteReader {
        guard let connections = state.withLock({ $0 }), !connections.readers.isEmpty else {
            throw StorageError.unavailable("SQLite storage is not started")
        }
        let index = nextReader.withLock { next -> Int in defer { next = (next + 1) % connections.readers.count }; return next }
        return connections.readers[index % connections.readers.count]
    }

    private static func project(_ row: Row) -> Project? {
        guard let id = row.text(0), let name = row.text(1), let created = SQLiteCoding.date(row.integer(3)) else { return nil }
        return Project(id: id, name: name, metadata: SQLiteCoding.decode([String: JSONValue].self, row.text(2)) ?? [:], createdAt: created)
    }
}
