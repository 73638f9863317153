/// A span with its resource and scope, decoded from either wire format; the input of the mapping.
struct SpanRecord: Sendable {
    /// 32 lower-case hex characters.
    var traceID: String
    /// 16 lower-case hex characters.
    var spanID: String
    /// 16 lower-case hex characters, or nil for a root span.
    var parentSpanID: String?
    var name: String
    var kind: Int
    /// Unix nanoseconds; 0 when absent.
    var startTimeUnixNano: UInt64
    var endTimeUnixNano: UInt64
    var attributes: [String: AttributeValue]
    var events: [SpanEventRecord]
    /// 0 unset, 1 ok, 2 error.
    var statusCode: Int
    var statusMessage: String
    var resource: ResourceRecord
    var scope: ScopeRecord
}

/// A timed event inside a span (`exception`, `gen_ai.choice`, …).
struct SpanEventRecord: Sendable {
    var name: String
    var timeUnixNano: UInt64
    var attributes: [String: AttributeValue]
}

/// The resource (process, service) the spans came from.
struct ResourceRecord: Sendable {
    var attributes: [String: AttributeValue]
}

/// The instrumentation scope (library) that produced the spans.
struct ScopeRecord: Sendable {
    var name: String
    var version: String
    var attributes: [String: AttributeValue]
}

/// A decoded export request: its spans in request order, and whether it held any resource spans at all.
struct DecodedExport: Sendable {
    var resourceSpanCount: Int
    var spans: [SpanRecord]
}

/// Why an export was rejected as a whole (answered with 400 `Invalid OTLP trace export: …`).
struct InvalidExport: Error, Sendable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

extension Dictionary where Key == String, Value == AttributeValue {
    /// Attributes from key/value pairs; a repeated key keeps its last value.
    init(pairs: [AttributeValue.KeyValue]) {
        self.init(minimumCapacity: pairs.count)
        for pair in pairs { self[pair.key] = pair.value }
    }
}
