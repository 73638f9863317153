/// Decodes a protobuf `ExportTraceServiceRequest` (opentelemetry/proto/collector/trace/v1/trace_service.proto) straight
/// into ``SpanRecord``s, reading only the fields the mapping uses and skipping the rest (links, trace state, dropped
/// counts, schema URLs, fields added by later OTLP versions).
///
/// Hand-written over ``ProtobufReader`` rather than generated: no intermediate message tree is built. With generated
/// code (swift-protobuf), decoding and converting that tree was about 40 % of the receiver's CPU time per request.
enum ProtobufExportDecoder {
    /// Why a protobuf body could not be decoded at all (answered with `Failed to parse OTel Protobuf Trace: …`).
    struct ParseFailure: Error {
        let reason: String
    }

    /// The spans of `body`. Throws ``ParseFailure`` for bytes that are not a protobuf message, ``InvalidExport`` for a
    /// well-formed export Lantern rejects (bad ids, attribute values nested deeper than ``AttributeValue/maxDepth``).
    static func decode(_ body: [UInt8]) throws -> DecodedExport {
        do {
            return try body.withUnsafeBufferPointer { buffer in
                var request = ProtobufReader(buffer)
                var export = DecodedExport(resourceSpanCount: 0, spans: [])
                while let field = try request.nextField() {
                    guard field.number == 1 else {
                        try request.skip(field)
                        continue
                    }
                    var resourceSpans = try request.message(field)
                    try decodeResourceSpans(&resourceSpans, index: export.resourceSpanCount, into: &export.spans)
                    export.resourceSpanCount += 1
                }
                return export
            }
        } catch let error as ProtobufReader.Malformed {
            throw ParseFailure(reason: error.reason)
        }
    }

    /// `ResourceSpans`: the resource (1) applies to every scope's spans (2), wherever it sits in the message.
    private static func decodeResourceSpans(_ reader: inout ProtobufReader, index: Int, into spans: inout [SpanRecord]) throws {
        let path = "resourceSpans[\(index)]"
        var resourceAttributes: [String: AttributeValue] = [:]
        var scopeSpansList: [ProtobufReader] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1:
                var resource = try reader.message(field)
                while let resourceField = try resource.nextField() {
                    guard resourceField.number == 1 else {
                        try resource.skip(resourceField)
                        continue
                    }
                    try addAttribute(&resource, resourceField, to: &resourceAttributes) { "\(path).resource.attributes" }
                }
            case 2: scopeSpansList.append(try reader.message(field))
            default: try reader.skip(field)
            }
        }
        let resource = ResourceRecord(attributes: resourceAttributes)
        for (scopeIndex, var scopeSpans) in scopeSpansList.enumerated() {
            try decodeScopeSpans(&scopeSpans, resource: resource, path: "\(path).scopeSpans[\(scopeIndex)]", into: &spans)
        }
    }

    /// `ScopeSpans`: the instrumentation scope (1) and its spans (2).
    private static func decodeScopeSpans(_ reader: inout ProtobufReader, resource: ResourceRecord, path: String,
                                         into spans: inout [SpanRecord]) throws {
        var scope = ScopeRecord(name: "", version: "", attributes: [:])
        var spanMessages: [ProtobufReader] = []
        while let field = try reader.nextField() {
            switch field.number {
            case 1:
                var scopeMessage = try reader.message(field)
                try decodeScope(&scopeMessage, into: &scope, path: path)
            case 2: spanMessages.append(try reader.message(field))
            default: try reader.skip(field)
            }
        }
        for (spanIndex, var span) in spanMessages.enumerated() {
            spans.append(try decodeSpan(&span, resource: resource, scope: scope) { "\(path).spans[\(spanIndex)]" })
        }
    }

    /// `InstrumentationScope`: name (1), version (2), attributes (3).
    private static func decodeScope(_ reader: inout ProtobufReader, into scope: inout ScopeRecord, path: String) throws {
        while let field = try reader.nextField() {
            switch field.number {
            case 1: scope.name = try reader.string(field)
            case 2: scope.version = try reader.string(field)
            case 3: try addAttribute(&reader, field, to: &scope.attributes) { "\(path).scope.attributes" }
            default: try reader.skip(field)
            }
        }
    }

    /// `Span`; `path` names it in errors and is spelled only then.
    private static func decodeSpan(_ reader: inout ProtobufReader, resource: ResourceRecord, scope: ScopeRecord,
                                   path: () -> String) throws -> SpanRecord {
        var traceIDBytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var spanIDBytes = traceIDBytes
        var parentBytes = traceIDBytes
        var span = SpanRecord(traceID: "", spanID: "", parentSpanID: nil, name: "", kind: 0, startTimeUnixNano: 0,
                              endTimeUnixNano: 0, attributes: [:], events: [], statusCode: 0, statusMessage: "",
                              resource: resource, scope: scope)
        while let field = try reader.nextField() {
            switch field.number {
            case 1: traceIDBytes = try reader.lengthDelimited(field)
            case 2: spanIDBytes = try reader.lengthDelimited(field)
            case 4: parentBytes = try reader.lengthDelimited(field)
            case 5: span.name = try reader.string(field)
            case 6: span.kind = enumValue(try reader.varint(field))
            case 7: span.startTimeUnixNano = try reader.fixed64(field)
            case 8: span.endTimeUnixNano = try reader.fixed64(field)
            case 9: try addAttribute(&reader, field, to: &span.attributes) { "\(path()).attributes" }
            case 11:
                let eventIndex = span.events.count
                var event = try reader.message(field)
                span.events.append(try decodeEvent(&event) { "\(path()).events[\(eventIndex)].attributes" })
            case 15:
                var status = try reader.message(field)
                while let statusField = try status.nextField() {
                    switch statusField.number {
                    case 2: span.statusMessage = try status.string(statusField)
                    case 3: span.statusCode = enumValue(try status.varint(statusField))
                    default: try status.skip(statusField)
                    }
                }
            default: try reader.skip(field)
            }
        }
        guard let traceID = HexID.binary(traceIDBytes, length: 16) else {
            throw InvalidExport("\(path()).traceId: must be 16 bytes and not all zero (got \(traceIDBytes.count) bytes)")
        }
        guard let spanID = HexID.binary(spanIDBytes, length: 8) else {
            throw InvalidExport("\(path()).spanId: must be 8 bytes and not all zero (got \(spanIDBytes.count) bytes)")
        }
        if parentBytes.contains(where: { $0 != 0 }) {
            guard let parent = HexID.binary(parentBytes, length: 8) else {
                throw InvalidExport("\(path()).parentSpanId: must be empty or 8 bytes (got \(parentBytes.count) bytes)")
            }
            span.parentSpanID = parent
        }
        span.traceID = traceID
        span.spanID = spanID
        return span
    }

    /// `Span.Event`: time (1), name (2), attributes (3).
    private static func decodeEvent(_ reader: inout ProtobufReader, attributesPath: () -> String) throws -> SpanEventRecord {
        var event = SpanEventRecord(name: "", timeUnixNano: 0, attributes: [:])
        while let field = try reader.nextField() {
            switch field.number {
            case 1: event.timeUnixNano = try reader.fixed64(field)
            case 2: event.name = try reader.string(field)
            case 3: try addAttribute(&reader, field, to: &event.attributes, path: attributesPath)
            default: try reader.skip(field)
            }
        }
        return event
    }

    /// Adds the `KeyValue` in `field` to `attributes` (a repeated key keeps its last value).
    private static func addAttribute(_ reader: inout ProtobufReader, _ field: ProtobufReader.Field,
                                     to attributes: inout [String: AttributeValue], path: () -> String) throws {
        var pair = try reader.message(field)
        let decoded = try keyValue(&pair, depth: 1, path: path)
        attributes[decoded.key] = decoded.value
    }

    /// `KeyValue`: key (1) and value (2), the value at nesting `depth`.
    private static func keyValue(_ reader: inout ProtobufReader, depth: Int, path: () -> String) throws -> AttributeValue.KeyValue {
        var pair = AttributeValue.KeyValue(key: "", value: .empty)
        while let field = try reader.nextField() {
            switch field.number {
            case 1: pair.key = try reader.string(field)
            case 2:
                var value = try reader.message(field)
                pair.value = try anyValue(&value, depth: depth, path: path)
            default: try reader.skip(field)
            }
        }
        return pair
    }

    /// `AnyValue` at nesting `depth` (1 for an attribute's own value); one of string (1), bool (2), int (3), double (4),
    /// array (5), key-value list (6), bytes (7). A string-table index (8, profiles only) or nothing set is `.empty`.
    private static func anyValue(_ reader: inout ProtobufReader, depth: Int, path: () -> String) throws -> AttributeValue {
        guard depth <= AttributeValue.maxDepth else {
            throw InvalidExport("\(path()): attribute values nested deeper than \(AttributeValue.maxDepth) levels")
        }
        var value = AttributeValue.empty
        while let field = try reader.nextField() {
            switch field.number {
            case 1: value = .string(try reader.string(field))
            case 2: value = .bool(try reader.varint(field) != 0)
            case 3: value = .int(Int64(bitPattern: try reader.varint(field)))
            case 4: value = .double(Double(bitPattern: try reader.fixed64(field)))
            case 5: value = .array(try listItems(&reader, field) { try anyValue(&$0, depth: depth + 1, path: path) })
            case 6: value = .kvlist(try listItems(&reader, field) { try keyValue(&$0, depth: depth + 1, path: path) })
            case 7: value = .bytes(Array(try reader.lengthDelimited(field)))
            case 8:
                _ = try reader.varint(field)
                value = .empty
            default: try reader.skip(field)
            }
        }
        return value
    }

    /// The messages in field 1 of the embedded message `field` holds (an `ArrayValue` or a `KeyValueList`), in order.
    private static func listItems<Item>(_ reader: inout ProtobufReader, _ field: ProtobufReader.Field,
                                        decode: (inout ProtobufReader) throws -> Item) throws -> [Item] {
        var list = try reader.message(field)
        var items: [Item] = []
        while let entry = try list.nextField() {
            guard entry.number == 1 else {
                try list.skip(entry)
                continue
            }
            var item = try list.message(entry)
            items.append(try decode(&item))
        }
        return items
    }

    /// A protobuf enum value (an int32 on the wire; unknown values are kept as their number).
    private static func enumValue(_ raw: UInt64) -> Int { Int(Int32(truncatingIfNeeded: raw)) }
}
