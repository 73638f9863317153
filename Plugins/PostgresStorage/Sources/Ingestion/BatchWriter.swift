import Foundation
import LanternPluginSDK
import SQLStorageKit

/// Writes one ingestion batch inside the caller's single write transaction: folds the events per entity
/// (``PendingBatch``), then writes each table with a few multi-row upserts that merge in SQL.
///
/// Nothing is acknowledged unless the commit succeeds: a failed statement or commit rolls back and throws.
struct BatchWriter: Sendable {
    let projectID: String
    let now: Date
    let logger: PluginLogger

    /// Applies `events` in order and returns one outcome per event, in the same order.
    func write(_ events: [IngestionEvent], on connection: PGConnection) throws -> [EventOutcome] {
        let fetcher = RowFetcher(connection: connection, logger: logger)
        var batch = PendingBatch(projectID: projectID, now: now)
        var outcomes: [EventOutcome] = []
        outcomes.reserveCapacity(events.count)
        for event in events { outcomes.append(try batch.apply(event, fetcher: fetcher)) }
        try batch.flush(to: connection)
        return outcomes
    }
}
