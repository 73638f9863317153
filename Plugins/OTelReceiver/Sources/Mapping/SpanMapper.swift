import Foundation
import LanternPluginSDK

/// Turns decoded spans into ingestion events (contract §3): one observation per span, a trace update for roots
/// and spans carrying trace-level attributes, a shallow trace update for every other trace of the batch, and a
/// dataset run item for the root span of an experiment item.
struct SpanMapper {
    let client: ClientInfo
    /// The time used for spans without any timestamp.
    let now: Date

    /// Attribute keys that make a non-root span update its trace (`hasTraceUpdates`).
    static let traceUpdateKeys = [
        "langfuse.trace.name", "langfuse.trace.input", "langfuse.trace.output", "langfuse.trace.metadata",
        "langfuse.trace.tags", "langfuse.trace.public", "user.id", "session.id", "langfuse.user.id", "langfuse.session.id",
        "langfuse.observation.metadata.langfuse_user_id", "langfuse.observation.metadata.langfuse_session_id",
        "langfuse.observation.metadata.langfuse_tags", "langfuse.trace.metadata.langfuse_user_id",
        "langfuse.trace.metadata.langfuse_session_id", "langfuse.trace.metadata.langfuse_tags",
        "ai.telemetry.metadata.sessionId", "ai.telemetry.metadata.userId", "ai.telemetry.metadata.tags", "tag.tags",
    ]

    func events(for spans: [SpanRecord]) -> [IngestionEvent] {
        var events: [IngestionEvent] = []
        events.reserveCapacity(spans.count * 2)
        var tracesUpdated: Set<String> = []
        var shallow: [String: (eventID: String, start: Date, environment: String)] = [:]
        var shallowOrder: [String] = []
        for span in spans {
            let mapped = SpanMapping(span: span, client: client, now: now)
            mapped.appendEvents(to: &events)
            if mapped.updatesTrace {
                tracesUpdated.insert(span.traceID)
            } else if let existing = shallow[span.traceID] {
                if mapped.start < existing.start { shallow[span.traceID] = (existing.eventID, mapped.start, existing.environment) }
            } else {
                shallow[span.traceID] = ("otel-\(span.spanID)-trace", mapped.start, mapped.fields.environment)
                shallowOrder.append(span.traceID)
            }
        }
        for traceID in shallowOrder where !tracesUpdated.contains(traceID) {
            guard let entry = shallow[traceID] else { continue }
            var trace = TraceUpdate(id: traceID)
            trace.timestamp = entry.start
            trace.environment = entry.environment
            events.append(IngestionEvent(id: entry.eventID, timestamp: entry.start, payload: .trace(trace)))
        }
        return events
    }
}

/// The mapping of one span.
struct SpanMapping {
    let span: SpanRecord
    let attributes: SpanAttributes
    let resource: SpanAttributes
    let fields: FieldExtraction
    let metadata: MetadataExtraction
    let start: Date
    let end: Date
    let isRoot: Bool
    let updatesTrace: Bool

    init(span: SpanRecord, client: ClientInfo, now: Date) {
        let attributes = SpanAttributes(span.attributes)
        let resource = SpanAttributes(span.resource.attributes)
        let metadata = MetadataExtraction(client: client)
        self.span = span
        self.attributes = attributes
        self.resource = resource
        self.metadata = metadata
        fields = FieldExtraction(attributes: attributes, resource: resource, scope: span.scope, metadata: metadata)
        let startDate = Timestamps.date(unixNanos: span.startTimeUnixNano)
        let endDate = Timestamps.date(unixNanos: span.endTimeUnixNano)
        start = startDate ?? endDate ?? now
        end = endDate ?? start
        let asRoot: Bool = switch span.attributes["langfuse.internal.as_root"] {
        case .bool(let flag)?: flag
        case .string(let text)?: text.lowercased() == "true"
        default: false
        }
        let isRoot = span.parentSpanID == nil || asRoot
        self.isRoot = isRoot
        updatesTrace = isRoot || Self.hasTraceUpdates(attributes)
    }

    static func hasTraceUpdates(_ attributes: SpanAttributes) -> Bool {
        SpanMapper.traceUpdateKeys.contains { attributes[$0]?.isTruthy == true } || attributes.hasPrefix("langfuse.trace.metadata")
    }

    var isLangfuseSDK: Bool { span.scope.name.hasPrefix("langfuse-sdk") }

    /// Appends the span's events (its trace update, its observation, its dataset run item) to `events`, building each
    /// in place (an intermediate array cost a copy and a release of every event).
    func appendEvents(to events: inout [IngestionEvent]) {
        let observation = self.observation()
        if updatesTrace {
            events.append(IngestionEvent(id: "otel-\(span.spanID)-trace", timestamp: start, payload: .trace(trace(observation: observation))))
        }
        events.append(IngestionEvent(id: "otel-\(span.spanID)-obs", timestamp: start, payload: .observation(observation)))
        if let runItem = ExperimentMapping.runItem(span: span, attributes: attributes, isRoot: isRoot) {
            events.append(IngestionEvent(id: "otel-\(span.spanID)-run-item", timestamp: start, payload: .datasetRunItem(runItem)))
        }
    }

    // MARK: observation

    func observation() -> ObservationUpdate {
        let type = ObservationTypeResolver.resolve(attributes, scope: span.scope, spanName: span.name)
        var update = ObservationUpdate(id: span.spanID, type: type)
        update.traceID = span.traceID
        update.parentObservationID = span.parentSpanID
        update.name = fields.observationName(spanName: span.name)
        update.startTime = start
        update.endTime = end
        update.level = fields.level(statusCode: span.statusCode)
        update.statusMessage = fields.statusMessage(spanStatus: span.statusMessage, events: span.events)
        update.version = fields.version
        update.environment = fields.environment
        let io = InputOutputExtraction.extract(attributes, events: span.events, scopeName: span.scope.name)
        update.input = io.input
        update.output = io.output
        update.metadata = observationMetadata()
        if !isVercelAgentStep {
            update.model = fields.model
            update.modelParameters = fields.modelParameters
            update.usageDetails = UsageExtraction.usage(attributes, scope: span.scope)
            update.costDetails = UsageExtraction.cost(attributes)
        }
        update.completionStartTime = fields.completionStartTime(start: start)
        if type == .generation, let prompt = fields.prompt {
            update.promptName = prompt.name
            update.promptVersion = prompt.version
        }
        return update
    }

    /// Vercel AI SDK agent spans carry the usage of their steps; counting it again would double it.
    private var isVercelAgentStep: Bool {
        guard span.scope.name == "ai", let operation = attributes.text("gen_ai.operation.name") else { return false }
        return operation == "invoke_agent" || operation == "agent_step"
    }

    private func observationMetadata() -> [String: JSONValue] {
        var result = metadata.extract(resource, .trace)
        result.merge(metadata.extract(attributes, .observation)) { _, new in new }
        addContext(to: &result, includeAttributes: !isLangfuseSDK)
        if !span.events.isEmpty { result["events"] = .array(span.events.map(Self.eventJSON)) }
        return result
    }

    /// Adds `attributes` (the span attributes not mapped to input/output, as text), `resourceAttributes` and `scope`.
    private func addContext(to metadata: inout [String: JSONValue], includeAttributes: Bool) {
        if includeAttributes {
            var remaining: [String: JSONValue] = [:]
            for (key, value) in span.attributes where !InputOutputExtraction.isConsumed(key) {
                remaining[key] = .string(value.text)
            }
            if !remaining.isEmpty { metadata["attributes"] = .object(remaining) }
        }
        metadata["resourceAttributes"] = .object(span.resource.attributes.mapValues(\.json))
        var scope: [String: JSONValue] = ["name": .string(span.scope.name)]
        if !span.scope.version.isEmpty { scope["version"] = .string(span.scope.version) }
        if !span.scope.attributes.isEmpty { scope["attributes"] = .object(span.scope.attributes.mapValues(\.json)) }
        metadata["scope"] = .object(scope)
    }

    private static func eventJSON(_ event: SpanEventRecord) -> JSONValue {
        var object: [String: JSONValue] = ["name": .string(event.name)]
        if let time = Timestamps.date(unixNanos: event.timeUnixNano) { object["time"] = .string(ISO8601Timestamp.format(time)) }
        if !event.attributes.isEmpty { object["attributes"] = .object(event.attributes.mapValues(\.json)) }
        return .object(object)
    }

    // MARK: trace

    func trace(observation: ObservationUpdate) -> TraceUpdate {
        var trace = TraceUpdate(id: span.traceID)
        trace.timestamp = start
        trace.environment = fields.environment
        trace.version = fields.version
        trace.release = fields.release
        trace.userID = fields.userID
        trace.sessionID = fields.sessionID
        trace.isPublic = fields.isPublic
        trace.tags = fields.tags
        var meta = metadata.extract(resource, .trace)
        meta.merge(metadata.extract(attributes, .trace)) { _, new in new }
        let traceName = attributes.text("langfuse.trace.name")
        if isRoot {
            trace.name = traceName ?? observation.name
            meta.merge(metadata.extract(attributes, .observation)) { _, new in new }
            addContext(to: &meta, includeAttributes: !isLangfuseSDK)
            let io = InputOutputExtraction.extract(attributes, events: span.events, scopeName: span.scope.name, forTrace: true)
            trace.input = io.input
            trace.output = io.output
        } else {
            trace.name = traceName
            addContext(to: &meta, includeAttributes: false)
            trace.input = attributes["langfuse.trace.input"].map(InputOutputExtraction.value)
            trace.output = attributes["langfuse.trace.output"].map(InputOutputExtraction.value)
        }
        trace.metadata = meta
        return trace
    }
}
