import Foundation
import LanternPluginSDK

/// The single writer: owns the read-write connection; every write is one transaction.
actor SQLiteWriter {
    let connection: SQLiteConnection

    init(connection: sending SQLiteConnection) { self.connection = connection }

    func close() { connection.close() }

    /// Applies pending migrations, each in its own transaction.
    func migrate() throws {
        try connection.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)")
        let applied = Set(try connection.query("SELECT version FROM schema_migrations") { $0.integer(0) })
        for migration in SQLiteSchema.migrations where !applied.contains(Int64(migration.version)) {
            try transaction {
                try connection.execute(migration.sql)
                try connection.run("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                                   [.integer(Int64(migration.version)), SQLiteCoding.date(Date())])
            }
        }
    }

    /// Runs `body` in `BEGIN IMMEDIATE … COMMIT`, rolling back on any error.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try connection.execute("COMMIT")
            return result
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Folds the batch's events per entity in memory (starting from the stored rows), then writes each row once.
    func write(_ events: [IngestionEvent], projectID: String) throws -> [EventOutcome] {
        try transaction {
            let now = Date()
            var traces: [String: Trace] = [:]
            var observations: [String: Observation] = [:]
            var scores: [String: Score] = [:]
            var outcomes = events.map { EventOutcome.stored($0.id) }
            for (index, event) in events.enumerated() {
                switch event.payload {
                case .trace(let update):
                    if var trace = try traces[update.id] ?? storedTrace(projectID, update.id) {
                        trace.apply(update, now: now)
                        traces[update.id] = trace
                    } else {
                        traces[update.id] = Trace.created(from: update, projectID: projectID, eventTimestamp: event.timestamp, now: now)
                    }
                case .observation(let update):
                    if var observation = try observations[update.id] ?? storedObservation(projectID, update.id) {
                        observation.apply(update, now: now)
                        observations[update.id] = observation
                    } else {
                        observations[update.id] = Observation.created(from: update, projectID: projectID, eventTimestamp: event.timestamp, now: now)
                    }
                case .score(let score):
                    var incoming = score
                    incoming.projectID = projectID
                    if let existing = try scores[score.id] ?? storedScore(projectID, score.id) {
                        scores[score.id] = existing.replaced(by: incoming, now: now)
                    } else {
                        scores[score.id] = incoming
                    }
                case .datasetRunItem(let update):
                    if let problem = try saveRunItem(update, projectID: projectID, now: now) {
                        outcomes[index] = EventOutcome(eventID: event.id, status: 404, error: problem)
                    }
                @unknown default:
                    outcomes[index] = EventOutcome(eventID: event.id, status: 400, error: "this storage does not know the event's kind")
                }
            }
            for observation in observations.values where traces[observation.traceID] == nil {
                if try storedTrace(projectID, observation.traceID) == nil {
                    traces[observation.traceID] = Trace(id: observation.traceID, projectID: projectID, timestamp: observation.startTime,
                                                        environment: observation.environment, createdAt: now)
                }
            }
            for trace in traces.values {
                try connection.run(TraceRows.upsert("traces", TraceRows.traceColumns), TraceRows.values(trace))
                if let sessionID = trace.sessionID {
                    try connection.run("INSERT OR IGNORE INTO sessions (project_id, id, environment, created_at) VALUES (?, ?, ?, ?)",
                                       [.text(projectID), .text(sessionID), .text(trace.environment), SQLiteCoding.date(now)])
                }
            }
            for observation in observations.values {
                try connection.run(TraceRows.upsert("observations", TraceRows.observationColumns), TraceRows.values(observation))
            }
            for score in scores.values {
                try connection.run(TraceRows.upsert("scores", TraceRows.scoreColumns), TraceRows.values(score))
            }
            return outcomes
        }
    }

    /// Deletes traces with their observations and scores; returns how many traces existed.
    func deleteTraces(projectID: String, ids: [String]) throws -> Int {
        try transaction {
            var deleted = 0
            for id in Set(ids) {
                let exists = try connection.query("SELECT 1 FROM traces WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)]) { $0.integer(0) }
                deleted += exists.count
                for table in ["observations", "scores"] {
                    try connection.run("DELETE FROM \(table) WHERE project_id = ? AND trace_id = ?", [.text(projectID), .text(id)])
                }
                try connection.run("DELETE FROM traces WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)])
            }
            return deleted
        }
    }

    func upsertProject(_ project: Project) throws {
        try connection.run("""
            INSERT INTO projects (id, name, metadata, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, metadata = excluded.metadata
            """, [.text(project.id), .text(project.name), SQLiteCoding.json(project.metadata), SQLiteCoding.date(project.createdAt)])
    }

    func upsertAPIKey(_ key: APIKey) throws {
        try connection.run("""
            INSERT INTO api_keys (id, project_id, public_key, secret_hash, display_secret, created_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (public_key) DO UPDATE SET project_id = excluded.project_id, secret_hash = excluded.secret_hash,
                display_secret = excluded.display_secret
            """, [.text(key.id), .text(key.projectID), .text(key.publicKey), .text(key.secretHash), .text(key.displaySecret),
                  SQLiteCoding.date(key.createdAt)])
    }

    private func storedTrace(_ projectID: String, _ id: String) throws -> Trace? {
        try connection.query("SELECT \(TraceRows.traceColumns) FROM traces WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)], TraceRows.trace).first
    }

    private func storedObservation(_ projectID: String, _ id: String) throws -> Observation? {
        try connection.query("SELECT \(TraceRows.observationColumns) FROM observations WHERE project_id = ? AND id = ?",
                             [.text(projectID), .text(id)], TraceRows.observation).first
    }

    private func storedScore(_ projectID: String, _ id: String) throws -> Score? {
        try connection.query("SELECT \(TraceRows.scoreColumns) FROM scores WHERE project_id = ? AND id = ?", [.text(projectID), .text(id)], TraceRows.score).first
    }
}
