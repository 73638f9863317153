import Foundation
import LanternPluginSDK
import SQLStorageKit

/// Folds the events of one batch per entity id, in memory and without reading the database, into patches
/// that ``BatchStatements`` merge into the stored rows; dataset run items are written as they come (each is
/// one row, never folded).
///
/// Nothing here trusts an earlier write of this server: every merge with stored data happens in SQL.
struct PendingBatch {
    private let projectID: String
    private let now: Date
    private let json = JSONColumns(refusingNUL: true)
    private var traces: [String: TracePatch] = [:]
    private var observations: [String: ObservationPatch] = [:]
    /// Observation ids in the order the batch first touched them.
    private var observationOrder: [String] = []
    private var scores: [String: Score] = [:]
    /// Traces an observation of this batch may create before any trace event names them: the identity a later
    /// trace event of the batch then creates the trace with (as if the shallow trace existed).
    private var shallowTraces: [String: (timestamp: Date, environment: String)] = [:]
    /// Sessions named by trace events, each with the first trace naming it, in order.
    private var sessions: [(sessionID: String, traceID: String)] = []
    private var sessionIDs: Set<String> = []

    /// Rows per statement.
    private static let chunkSize = 500

    /// Starts an empty batch for `projectID`; `now` stamps created and updated rows.
    init(projectID: String, now: Date) {
        self.projectID = projectID
        self.now = now
    }

    /// Folds one event. An event whose values cannot be stored is rejected with 400 and leaves the batch
    /// unchanged; database failures throw and fail the whole batch.
    mutating func apply(_ event: IngestionEvent, fetcher: RowFetcher) throws -> EventOutcome {
        do {
            switch event.payload {
            case .trace(let update): try apply(update, at: event.timestamp)
            case .observation(let update): try apply(update, at: event.timestamp)
            case .score(let score): try apply(score)
            case .datasetRunItem(let update):
                try validate(update)
                if let problem = try DatasetCatalog(fetcher: fetcher).save(update, projectID: projectID, now: now) {
                    return EventOutcome(eventID: event.id, status: 404, error: problem)
                }
            @unknown default:
                return EventOutcome(eventID: event.id, status: 400, error: "the PostgreSQL storage does not know this kind of event")
            }
            return .stored(event.id)
        } catch let error as RowEncodingError {
            return EventOutcome(eventID: event.id, status: 400, error: "cannot store the event: \(error)")
        }
    }

    /// Writes every folded row: traces, observations, the traces observations create (then the totals of every trace
    /// an observation was written to), sessions, then scores.
    func flush(to connection: PGConnection) throws {
        let scope: [SQLValue] = [.text(projectID), .date(now)]
        for chunk in Self.chunks(of: traces) {
            try connection.run(BatchStatements.upsertTraces, [.text(try json.text(chunk.json, field: "traces"))] + scope)
        }
        var written: [String: WrittenObservation] = [:]
        for chunk in Self.chunks(of: observations) {
            let result = try connection.query(BatchStatements.upsertObservations, [.text(try json.text(chunk.json, field: "observations"))] + scope)
            for row in 0..<result.rowCount {
                guard let id = result.text(row, 0), let traceID = result.text(row, 1), let start = result.text(row, 2),
                      let environment = result.text(row, 3) else { continue }
                written[id] = WrittenObservation(traceID: traceID, start: start, environment: environment)
            }
        }
        if !written.isEmpty {
            // The trace each written observation names, identified by its first observation in batch order.
            var firsts: [String: WrittenObservation] = [:]
            for id in observationOrder {
                if let observation = written[id], firsts[observation.traceID] == nil { firsts[observation.traceID] = observation }
            }
            let traceIDs = firsts.keys.sorted()
            let shallow = traceIDs.compactMap { firsts[$0] }
            try connection.run(BatchStatements.insertShallowTraces,
                               [.text(projectID), .textArray(traceIDs), .textArray(shallow.map(\.start)),
                                .textArray(shallow.map(\.environment)), .date(now)])
            _ = try connection.query(BatchStatements.lockTraces, [.text(projectID), .textArray(traceIDs)])
            try connection.run(BatchStatements.refreshTraceTotals, [.text(projectID), .textArray(traceIDs)])
        }
        if !sessions.isEmpty {
            try connection.run(BatchStatements.insertSessions,
                               [.text(projectID), .textArray(sessions.map(\.sessionID)), .textArray(sessions.map(\.traceID))])
        }
        for chunk in Self.chunks(of: scores.mapValues(ScoreRow.init)) {
            try connection.run(BatchStatements.upsertScores, [.text(try json.text(chunk.json, field: "scores"))] + scope)
        }
    }

    private mutating func apply(_ update: TraceUpdate, at eventTimestamp: Date) throws {
        let shallow = shallowTraces[update.id]
        let created = TracePatch(id: update.id, timestamp: shallow?.timestamp ?? update.timestamp ?? eventTimestamp,
                                 environment: shallow?.environment ?? update.environment ?? EnvironmentName.fallback)
        var alone = created
        alone.fold(update)
        _ = try json.text(alone.json, field: "trace")
        var patch = traces[update.id] ?? created
        patch.fold(update)
        traces[update.id] = patch
        if let sessionID = update.sessionID, sessionIDs.insert(sessionID).inserted {
            sessions.append((sessionID, update.id))
        }
    }

    private mutating func apply(_ update: ObservationUpdate, at eventTimestamp: Date) throws {
        let created = ObservationPatch(creating: update, eventTimestamp: eventTimestamp)
        _ = try json.text(created.json, field: "observation")
        if var patch = observations[update.id] {
            patch.fold(update)
            observations[update.id] = patch
            return
        }
        observations[update.id] = created
        observationOrder.append(update.id)
        if traces[created.traceID] == nil, shallowTraces[created.traceID] == nil {
            shallowTraces[created.traceID] = (Date(storedSeconds: created.startTime), created.environment)
        }
    }

    private mutating func apply(_ score: Score) throws {
        var incoming = score
        incoming.projectID = projectID
        _ = try json.text(ScoreRow(incoming).json, field: "score")
        scores[score.id] = scores[score.id].map { $0.replaced(by: incoming, now: now) } ?? incoming
    }

    /// Refuses a run item whose text PostgreSQL cannot hold (a NUL character).
    private func validate(_ update: DatasetRunItemUpdate) throws {
        let texts = [update.id, update.datasetID, update.runName, update.datasetItemID, update.traceID]
            + [update.runID, update.runDescription, update.observationID].compactMap { $0 }
        _ = try json.text(texts, field: "datasetRunItem")
        _ = try json.optionalColumn(update.runMetadata, field: "runMetadata")
    }

    /// The rows in id order, in statements of at most ``chunkSize``.
    private static func chunks<Row>(of rows: [String: Row]) -> [[Row]] {
        let ordered = rows.sorted { $0.key < $1.key }.map(\.value)
        return stride(from: 0, to: ordered.count, by: chunkSize).map { Array(ordered[$0..<min($0 + chunkSize, ordered.count)]) }
    }
}

/// What ``BatchStatements/upsertObservations`` returns for a written observation: its stored trace, start (as
/// PostgreSQL's exact text of the double) and environment.
private struct WrittenObservation {
    let traceID: String
    let start: String
    let environment: String
}
