import Foundation
import LanternPluginSDK
import SQLStorageKit

/// Folds the events of one batch onto the stored rows with the SDK's ``MergeRules``, in memory,
/// then writes every touched trace, observation, score and session row once. Dataset run items are
/// written as they come (each is one row, never folded).
struct PendingBatch {
    private let fetcher: RowFetcher
    private let projectID: String
    private let now: Date
    private var traces = PendingRows<Trace>()
    private var observations = PendingRows<Observation>()
    private var scores = PendingRows<Score>()
    private var sessions = PendingRows<Session>()
    /// The tags each touched trace had in the database before the batch (empty for a new trace).
    private var storedTags: [String: Set<String>] = [:]
    /// The traces whose observations the batch changes (their `trace_totals` are refreshed).
    private var tracesWithChangedObservations: Set<String> = []

    /// Starts an empty batch for `projectID`; `now` stamps created and updated rows.
    init(fetcher: RowFetcher, projectID: String, now: Date) {
        self.fetcher = fetcher
        self.projectID = projectID
        self.now = now
    }

    /// Finds with one query per table which of the traces and observations `events` name are stored, and notes the
    /// others as absent: folding the events then looks up only rows that exist (a lookup per event, nearly always for
    /// an id the batch creates, was a sixth of the folding time).
    mutating func notePresence(of events: [IngestionEvent]) throws {
        var observationIDs: [String] = []
        var traceIDs: [String] = []
        for event in events {
            switch event.payload {
            case .trace(let update): traceIDs.append(update.id)
            case .observation(let update):
                observationIDs.append(update.id)
                if let traceID = update.traceID { traceIDs.append(traceID) }
            default: continue
            }
        }
        for id in try absent(observationIDs, in: ObservationTable.table) { observations.noteAbsent(id) }
        for id in try absent(traceIDs, in: TraceTable.table) { traces.noteAbsent(id) }
    }

    /// The ids among `ids` that `table` does not hold for the project; each id is looked up once (a trace id comes
    /// with every observation of the trace).
    private func absent(_ ids: [String], in table: String) throws -> Set<String> {
        let unique = Set(ids)
        guard !unique.isEmpty else { return [] }
        let stored = try fetcher.connection.query("SELECT id FROM \(table) WHERE project_id = ? AND id IN (SELECT value FROM json_each(?))",
                                                  [.text(projectID), try fetcher.list(Array(unique))]) { $0.text(0) }
        return unique.subtracting(stored)
    }

    /// Folds the event at `index` of the batch; `created` holds the rows the batch's events create, already encoded.
    /// An event whose resulting row cannot be stored is rejected with 400 and leaves the batch unchanged; database
    /// failures throw and fail the whole batch.
    mutating func apply(_ event: IngestionEvent, at index: Int, created: CreatedRows) throws -> EventOutcome {
        do {
            switch event.payload {
            case .trace(let update): try apply(update, at: event.timestamp, created: created.trace(at: index))
            case .observation(let update): try apply(update, at: event.timestamp, created: created.observation(at: index))
            case .score(let score): try apply(score)
            case .datasetRunItem(let update):
                if let problem = try DatasetCatalog(fetcher: fetcher).save(update, projectID: projectID, now: now) {
                    return EventOutcome(eventID: event.id, status: 404, error: problem)
                }
            @unknown default:
                return EventOutcome(eventID: event.id, status: 400, error: "the SQLite storage does not know this kind of event")
            }
            return .stored(event.id)
        } catch let error as RowEncodingError {
            return EventOutcome(eventID: event.id, status: 400, error: "cannot store the event: \(error)")
        }
    }

    /// Writes every changed row once: upserts for traces (with a `trace_tags` row per tag the batch added: the merge
    /// rules only ever add tags), observations (refreshing their traces' `trace_totals`) and scores, insert-if-missing
    /// for sessions.
    func flush(to connection: SQLiteConnection) throws {
        try connection.run(TraceTable.upsert, forEach: traces.writes)
        for trace in traces.changed {
            for tag in Set(trace.tags).subtracting(storedTags[trace.id] ?? []) {
                try connection.run("INSERT INTO trace_tags (project_id, tag, trace_id) VALUES (?, ?, ?)",
                                   [.text(projectID), .text(tag), .text(trace.id)])
            }
        }
        try connection.run(ObservationWriteTable.upsert, forEach: observations.writes)
        if !tracesWithChangedObservations.isEmpty {
            try connection.run(TraceTotalsSQL.refreshTraces, [.text(projectID), try fetcher.list(tracesWithChangedObservations.sorted())])
        }
        try connection.run(ScoreTable.upsert, forEach: scores.writes)
        try connection.run(SessionTable.insertIfMissing, forEach: sessions.writes)
    }

    private mutating func apply(_ update: TraceUpdate, at eventTimestamp: Date, created: CreatedRows.Row<Trace>?) throws {
        var trace: Trace
        let values: [SQLValue]
        if let existing = try storedTrace(update.id) {
            trace = existing
            trace.apply(update, now: now)
            values = try TraceTable.values(trace, json: fetcher.json)
        } else if let created {
            (trace, values) = (created.model, created.values)
        } else {
            trace = Trace.created(from: update, projectID: projectID, eventTimestamp: eventTimestamp, now: now)
            values = try TraceTable.values(trace, json: fetcher.json)
        }
        let session = try newSession(of: trace)
        traces.update(trace.id, to: trace, values: values)
        if let session { sessions.update(session.model.id, to: session.model, values: session.values) }
    }

    private mutating func apply(_ update: ObservationUpdate, at eventTimestamp: Date, created: CreatedRows.Row<Observation>?) throws {
        let fetcher = fetcher, projectID = projectID
        var observation: Observation
        let values: [SQLValue]
        if let existing = try observations.row(update.id, load: { try fetcher.row(ObservationTable.self, projectID: projectID, id: $0) }) {
            observation = existing
            observation.apply(update, now: now)
            values = try ObservationWriteTable.values(observation, json: fetcher.json)
        } else if let created {
            (observation, values) = (created.model, created.values)
        } else {
            observation = Observation.created(from: update, projectID: projectID, eventTimestamp: eventTimestamp, now: now)
            values = try ObservationWriteTable.values(observation, json: fetcher.json)
        }
        let shallowTrace = try storedTrace(observation.traceID) == nil ? self.shallowTrace(for: observation) : nil
        let shallowValues = try shallowTrace.map { try TraceTable.values($0, json: fetcher.json) }
        observations.update(observation.id, to: observation, values: values)
        tracesWithChangedObservations.insert(observation.traceID)
        if let shallowTrace, let shallowValues { traces.update(shallowTrace.id, to: shallowTrace, values: shallowValues) }
    }

    private mutating func apply(_ score: Score) throws {
        let fetcher = fetcher, projectID = projectID
        var incoming = score
        incoming.projectID = projectID
        let stored = try scores.row(score.id) { try fetcher.row(ScoreTable.self, projectID: projectID, id: $0) }
        let merged = stored.map { $0.replaced(by: incoming, now: now) } ?? incoming
        let values = try ScoreTable.values(merged, json: fetcher.json)
        scores.update(merged.id, to: merged, values: values)
    }

    /// The trace with this id as the batch currently sees it (stored, or folded earlier in the batch).
    private mutating func storedTrace(_ id: String) throws -> Trace? {
        let fetcher = fetcher, projectID = projectID
        var loadedTags: Set<String>?
        let trace = try traces.row(id) { id in
            let stored = try fetcher.row(TraceTable.self, projectID: projectID, id: id)
            loadedTags = Set(stored?.tags ?? [])
            return stored
        }
        if let loadedTags { storedTags[id] = loadedTags }
        return trace
    }

    /// The trace an observation creates when its trace does not exist: only id, timestamp and environment.
    private func shallowTrace(for observation: Observation) -> Trace {
        Trace(id: observation.traceID, projectID: projectID, timestamp: observation.startTime,
              environment: observation.environment, createdAt: now)
    }

    /// The session a trace names, when the batch has not noted it yet; it is inserted if missing when the batch is written.
    private mutating func newSession(of trace: Trace) throws -> (model: Session, values: [SQLValue])? {
        guard let sessionID = trace.sessionID, sessions.row(sessionID, load: { _ in nil }) == nil else { return nil }
        let session = Session(id: sessionID, projectID: projectID, environment: trace.environment, createdAt: trace.timestamp)
        return (session, try SessionTable.values(session, json: fetcher.json))
    }
}
