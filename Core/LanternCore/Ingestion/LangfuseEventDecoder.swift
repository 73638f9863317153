import Foundation
import LanternPluginSDK

/// Turns one Langfuse ingestion event (`{id, timestamp, type, body}`) into a normalized event,
/// or a per-event 400 that names the field at fault.
struct LangfuseEventDecoder {
    /// What became of one event.
    enum Decoded {
        case event(IngestionEvent)
        /// `sdk-log`: logged and dropped, reported neither as success nor error.
        case ignored
        case rejected(EventOutcome)
    }

    /// Observation-creating event types and the type they store.
    static let observationTypes: [String: ObservationType] = [
        "span-create": .span, "span-update": .span, "generation-create": .generation, "generation-update": .generation,
        "event-create": .event, "agent-create": .agent, "tool-create": .tool, "chain-create": .chain,
        "retriever-create": .retriever, "evaluator-create": .evaluator, "embedding-create": .embedding,
        "guardrail-create": .guardrail,
    ]

    let projectID: String
    let now: Date

    func decode(_ raw: JSONValue) -> Decoded {
        guard case .object(let envelope) = raw else { return reject("unknown", "event must be an object") }
        let eventID: String
        switch envelope["id"] {
        case .string(let id)? where !id.isEmpty && id.count <= 800 && !id.contains("\r"): eventID = id
        default: return reject(envelope["id"]?.stringValue ?? "unknown", "id: must be a non-empty string of at most 800 characters")
        }
        guard case .string(let type)? = envelope["type"] else { return reject(eventID, "type: is required") }
        guard case .string(let stamp)? = envelope["timestamp"], let timestamp = ISO8601Timestamp.parse(stamp) else {
            return reject(eventID, "timestamp: must be an ISO-8601 date-time with offset")
        }
        if type == "sdk-log" { return .ignored }
        guard case .object(let body)? = envelope["body"] else { return reject(eventID, "body: must be an object") }
        var reader = BodyReader(body)
        let payload: IngestionEvent.Payload
        let isUpdate = type.hasSuffix("-update")
        switch type {
        case "trace-create":
            payload = .trace(trace(&reader))
        case "score-create":
            switch score(&reader, timestamp: timestamp) {
            case .success(let score): payload = .score(score)
            case .failure(let failure): return reject(eventID, failure.message)
            }
        case "observation-create", "observation-update":
            guard let legacyType = reader.string("type").map({ ObservationType(rawValue: $0.uppercased()) }),
                  [.span, .generation, .event].contains(legacyType) else {
                return reject(eventID, reader.problem ?? "body.type: must be GENERATION, SPAN or EVENT")
            }
            guard let update = observation(&reader, type: legacyType, requireID: false) else { return reject(eventID, reader.problem ?? "invalid body") }
            payload = .observation(update)
        case "dataset-run-item-create":
            return reject(eventID, "type: dataset-run-item-create is internal; use POST /api/public/dataset-run-items")
        default:
            guard let observationType = Self.observationTypes[type] else {
                return reject(eventID, "type: unknown event type '\(type)'")
            }
            guard let update = observation(&reader, type: observationType, requireID: true) else { return reject(eventID, reader.problem ?? "invalid body") }
            payload = .observation(update)
        }
        if let problem = reader.problem { return reject(eventID, problem) }
        return .event(IngestionEvent(id: eventID, timestamp: timestamp, isUpdate: isUpdate, payload: payload))
    }

    private func reject(_ eventID: String, _ detail: String) -> Decoded {
        .rejected(EventOutcome(eventID: eventID, status: 400, error: detail))
    }

    private func trace(_ reader: inout BodyReader) -> TraceUpdate {
        var update = TraceUpdate(id: reader.string("id") ?? Identifiers.random())
        update.timestamp = reader.date("timestamp")
        update.name = reader.string("name", maxLength: 1000)
        update.userID = reader.string("userId")
        update.sessionID = reader.string("sessionId")
        update.release = reader.string("release")
        update.version = reader.stringOrNumber("version")
        update.externalID = reader.string("externalId")
        update.input = reader.any("input")
        update.output = reader.any("output")
        update.metadata = reader.metadata()
        update.tags = reader.strings("tags")
        update.isPublic = reader.bool("public")
        update.environment = reader.any("environment") == nil ? nil : EnvironmentName.normalize(reader.string("environment"))
        for field in ["name", "userId", "sessionId", "release", "version"] where reader.isExplicitNull(field) {
            update.clearedFields.insert(field)
        }
        return update
    }

    private func observation(_ reader: inout BodyReader, type: ObservationType, requireID: Bool) -> ObservationUpdate? {
        guard let id = reader.string("id") ?? (requireID ? nil : Identifiers.random()) else {
            reader.fail("id", "is required")
            return nil
        }
        var update = ObservationUpdate(id: id, type: type)
        update.traceID = reader.string("traceId")
        update.name = reader.string("name")
        update.startTime = reader.date("startTime")
        update.endTime = reader.date("endTime")
        update.completionStartTime = reader.date("completionStartTime")
        update.parentObservationID = reader.string("parentObservationId")
        if let level = reader.string("level") {
            let parsed = ObservationLevel(rawValue: level.uppercased())
            if ObservationLevel.all.contains(parsed) { update.level = parsed } else { reader.fail("level", "expected DEBUG, DEFAULT, WARNING or ERROR") }
        }
        update.statusMessage = reader.string("statusMessage")
        update.version = reader.stringOrNumber("version")
        update.environment = reader.any("environment") == nil ? nil : EnvironmentName.normalize(reader.string("environment"))
        update.input = reader.any("input")
        update.output = reader.any("output")
        update.metadata = reader.metadata()
        update.model = reader.string("model")
        if let parameters = reader.any("modelParameters") {
            if case .object(let object) = parameters { update.modelParameters = object } else { reader.fail("modelParameters", "expected an object") }
        }
        UsageReader.read(&reader, into: &update)
        // A generation links to a prompt version only with both fields; either alone is kept out of the link, as Langfuse does.
        if let promptName = reader.string("promptName"), let promptVersion = reader.integer("promptVersion") {
            update.promptName = promptName
            update.promptVersion = promptVersion
        }
        return update
    }

    private func score(_ reader: inout BodyReader, timestamp: Date) -> Result<Score, ValidationFailure> {
        ScoreDecoder(projectID: projectID, now: now).decode(&reader, eventTimestamp: timestamp)
    }
}
