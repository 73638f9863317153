import Foundation
import LanternPluginSDK
import SQLStorageKit

/// Writes one ingestion batch on the writer connection in a single `BEGIN IMMEDIATE … COMMIT` transaction.
///
/// Nothing is acknowledged unless the commit succeeds: a failed commit rolls back and throws.
struct BatchWriter: Sendable {
    let projectID: String
    let now: Date
    let logger: PluginLogger

    /// Applies `events` in order and returns one outcome per event, in the same order; `created` holds the rows the
    /// events create, prepared with this writer's project and clock.
    func write(_ events: [IngestionEvent], created: CreatedRows, on connection: SQLiteConnection) throws -> [EventOutcome] {
        try connection.transaction(.immediate) {
            var batch = PendingBatch(fetcher: RowFetcher(connection: connection, logger: logger), projectID: projectID, now: now)
            try batch.notePresence(of: events)
            var outcomes: [EventOutcome] = []
            outcomes.reserveCapacity(events.count)
            for (index, event) in events.enumerated() { outcomes.append(try batch.apply(event, at: index, created: created)) }
            try batch.flush(to: connection)
            return outcomes
        }
    }
}
