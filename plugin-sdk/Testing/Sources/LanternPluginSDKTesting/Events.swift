import Foundation
import LanternPluginSDK

/// Builders of ingestion events for the cases.
enum Events {
    /// A trace event (create unless `update`).
    static func trace(_ update: TraceUpdate, at timestamp: Date, update isUpdate: Bool = false) -> IngestionEvent {
        IngestionEvent(id: CaseContext.freshID(), timestamp: timestamp, isUpdate: isUpdate, payload: .trace(update))
    }

    /// An observation event (create unless `update`).
    static func observation(_ update: ObservationUpdate, at timestamp: Date, update isUpdate: Bool = false) -> IngestionEvent {
        IngestionEvent(id: CaseContext.freshID(), timestamp: timestamp, isUpdate: isUpdate, payload: .observation(update))
    }

    /// A score event.
    static func score(_ score: Score) -> IngestionEvent {
        IngestionEvent(id: CaseContext.freshID(), timestamp: score.timestamp, payload: .score(score))
    }

    /// A trace update with the common fields set.
    static func traceUpdate(_ id: String, timestamp: Date? = nil, name: String? = nil, userID: String? = nil,
                            sessionID: String? = nil, tags: [String]? = nil, environment: String? = nil) -> TraceUpdate {
        var update = TraceUpdate(id: id)
        update.timestamp = timestamp
        update.name = name
        update.userID = userID
        update.sessionID = sessionID
        update.tags = tags
        update.environment = environment
        return update
    }

    /// An observation update with the common fields set.
    static func observationUpdate(_ id: String, traceID: String, type: ObservationType = .span, name: String? = nil,
                                  start: Date? = nil, end: Date? = nil, parent: String? = nil) -> ObservationUpdate {
        var update = ObservationUpdate(id: id, type: type)
        update.traceID = traceID
        update.name = name
        update.startTime = start
        update.endTime = end
        update.parentObservationID = parent
        return update
    }

    /// A numeric API score on a trace.
    static func numericScore(_ id: String, projectID: String, traceID: String?, name: String = "quality", value: Double = 0.5,
                             at timestamp: Date) -> Score {
        var score = Score(id: id, projectID: projectID, name: name, dataType: .numeric, value: value, stringValue: nil,
                          source: .api, timestamp: timestamp, createdAt: timestamp)
        score.traceID = traceID
        return score
    }
}
