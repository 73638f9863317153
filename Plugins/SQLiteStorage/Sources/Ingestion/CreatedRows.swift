import Foundation
import LanternPluginSDK
import SQLStorageKit

/// The trace and observation rows a batch's events create when their entity is not stored yet, built and encoded
/// before the batch reaches the writer connection.
///
/// Encoding a row (its JSON columns above all) was a fifth of the single writer's time. Built here, on the task that
/// submits the batch, it overlaps the previous batch's transaction; the writer uses a prepared row only when the event
/// really creates its entity (nothing stored, no earlier event of the batch), and encodes anything else itself.
struct CreatedRows: Sendable {
    /// A created model and its column values.
    struct Row<Model: Sendable>: Sendable {
        let model: Model
        let values: [SQLValue]
    }

    private var traces: [Int: Row<Trace>] = [:]
    private var observations: [Int: Row<Observation>] = [:]

    /// Builds the created rows of `events` (by position) for `projectID` at `now`, the batch's clock. `*-update` events
    /// are skipped: they nearly always fold onto a row that exists, so their prepared row would be thrown away. A row
    /// that cannot be encoded is left out, so the writer reports the event's problem as before.
    init(_ events: [IngestionEvent], projectID: String, now: Date) {
        let json = JSONColumns(refusingNUL: false)
        for (index, event) in events.enumerated() where !event.isUpdate {
            switch event.payload {
            case .trace(let update):
                let trace = Trace.created(from: update, projectID: projectID, eventTimestamp: event.timestamp, now: now)
                if let values = try? TraceTable.values(trace, json: json) { traces[index] = Row(model: trace, values: values) }
            case .observation(let update):
                let observation = Observation.created(from: update, projectID: projectID, eventTimestamp: event.timestamp, now: now)
                if let values = try? ObservationWriteTable.values(observation, json: json) {
                    observations[index] = Row(model: observation, values: values)
                }
            default:
                continue
            }
        }
    }

    /// The trace event at `index` creates, if prepared.
    func trace(at index: Int) -> Row<Trace>? { traces[index] }

    /// The observation event at `index` creates, if prepared.
    func observation(at index: Int) -> Row<Observation>? { observations[index] }
}
