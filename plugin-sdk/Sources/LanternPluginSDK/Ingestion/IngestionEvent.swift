import Foundation

/// One normalized ingestion event, whatever wire format it arrived in.
public struct IngestionEvent: Sendable, Hashable {
    /// What the event changes.
    public enum Payload: Sendable, Hashable {
        /// Create or update a trace.
        case trace(TraceUpdate)
        /// Create or update an observation.
        case observation(ObservationUpdate)
        /// Create or replace a score.
        case score(Score)
        /// Link a dataset item to the trace a run produced for it; the run is created on first use.
        case datasetRunItem(DatasetRunItemUpdate)
    }

    /// The event id (used for de-duplication and per-event results), not the entity id.
    public var id: String
    /// When the client produced the event; orders events for the same entity.
    public var timestamp: Date
    /// Whether the event was an `*-update`: within a batch, creates apply before updates.
    public var isUpdate: Bool
    public var payload: Payload

    /// Creates an event.
    public init(id: String, timestamp: Date, isUpdate: Bool = false, payload: Payload) {
        self.id = id
        self.timestamp = timestamp
        self.isUpdate = isUpdate
        self.payload = payload
    }
}

/// The fields one event sets on a trace. nil means "not sent": it never overwrites.
public struct TraceUpdate: Sendable, Hashable {
    public var id: String
    public var timestamp: Date?
    public var name: String?
    public var userID: String?
    public var sessionID: String?
    public var release: String?
    public var version: String?
    public var input: JSONValue?
    public var output: JSONValue?
    public var metadata: [String: JSONValue]?
    public var tags: [String]?
    public var isPublic: Bool?
    /// Already normalised (see ``EnvironmentName``).
    public var environment: String?
    public var externalID: String?
    /// Fields the client explicitly set to null, which Langfuse clears: `name`, `userId`, `sessionId`, `release`, `version`.
    public var clearedFields: Set<String> = []

    /// Creates an update that only names the trace.
    public init(id: String) { self.id = id }
}

/// The fields one event sets on an observation. nil means "not sent": it never overwrites.
public struct ObservationUpdate: Sendable, Hashable {
    public var id: String
    public var type: ObservationType
    public var traceID: String?
    public var name: String?
    public var startTime: Date?
    public var endTime: Date?
    public var completionStartTime: Date?
    public var parentObservationID: String?
    public var level: ObservationLevel?
    public var statusMessage: String?
    public var version: String?
    public var environment: String?
    public var input: JSONValue?
    public var output: JSONValue?
    public var metadata: [String: JSONValue]?
    public var model: String?
    public var modelParameters: [String: JSONValue]?
    public var usageDetails: [String: Double]?
    public var costDetails: [String: Double]?
    /// The model definition whose prices produced `costDetails` (set by the kernel's cost stage); travels with them.
    public var modelID: String?
    public var promptName: String?
    public var promptVersion: Int?

    /// Creates an update that only names the observation.
    public init(id: String, type: ObservationType) {
        self.id = id
        self.type = type
    }
}

/// The result of one event: accepted, or rejected with an HTTP-like status and reason.
public struct EventOutcome: Sendable, Hashable {
    /// The event id.
    public var eventID: String
    /// 201 when stored; 4xx/5xx when not.
    public var status: Int
    /// Why it was rejected; nil when stored.
    public var error: String?

    /// Creates an outcome.
    public init(eventID: String, status: Int, error: String? = nil) {
        self.eventID = eventID
        self.status = status
        self.error = error
    }

    /// The event was stored.
    public static func stored(_ eventID: String) -> EventOutcome { EventOutcome(eventID: eventID, status: 201) }
    /// Whether the event was stored.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// One run item of an experiment: which dataset item a run's trace was produced for.
public struct DatasetRunItemUpdate: Sendable, Hashable {
    /// The run item's id (stable per run and item, so re-sends replace it).
    public var id: String
    /// The dataset, by id.
    public var datasetID: String
    /// The run, by name; created on first use.
    public var runName: String
    /// The id to give the run when this item creates it (an OpenTelemetry experiment's id); random when nil.
    public var runID: String?
    public var runDescription: String?
    public var runMetadata: JSONValue?
    public var datasetItemID: String
    public var traceID: String
    public var observationID: String?

    /// Creates a run item.
    public init(id: String, datasetID: String, runName: String, datasetItemID: String, traceID: String) {
        self.id = id
        self.datasetID = datasetID
        self.runName = runName
        self.datasetItemID = datasetItemID
        self.traceID = traceID
    }
}
