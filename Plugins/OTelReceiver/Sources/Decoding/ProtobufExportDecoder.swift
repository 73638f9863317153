import Foundation
import SwiftProtobuf

/// Decodes a protobuf `ExportTraceServiceRequest` into ``SpanRecord``s.
enum ProtobufExportDecoder {
    /// Why a protobuf body could not be decoded at all (answered with `Failed to parse OTel Protobuf Trace: …`).
    struct ParseFailure: Error {
        let reason: String
    }

    /// Message nesting accepted by the protobuf decoder: the envelope plus three messages per level of
    /// ``AttributeValue/maxDepth`` (AnyValue → KeyValueList → KeyValue). Deeper input is rejected before recursion.
    static let messageDepthLimit = 3 * AttributeValue.maxDepth + 16

    static func decode(_ body: [UInt8]) throws -> DecodedExport {
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = messageDepthLimit
        let request: Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest
        do {
            request = try Opentelemetry_Proto_Collector_Trace_V1_ExportTraceServiceRequest(serializedBytes: body, options: options)
        } catch BinaryDecodingError.messageDepthLimit {
            throw InvalidExport("attribute values nested deeper than \(AttributeValue.maxDepth) levels")
        } catch {
            throw ParseFailure(reason: describe(error))
        }
        var spans: [SpanRecord] = []
        for (r, resourceSpans) in request.resourceSpans.enumerated() {
            let resource = ResourceRecord(attributes: try attributes(resourceSpans.resource.attributes, at: "resourceSpans[\(r)].resource"))
            for (s, scopeSpans) in resourceSpans.scopeSpans.enumerated() {
                let path = "resourceSpans[\(r)].scopeSpans[\(s)]"
                let scope = ScopeRecord(name: scopeSpans.scope.name, version: scopeSpans.scope.version,
                                        attributes: try attributes(scopeSpans.scope.attributes, at: path + ".scope"))
                for (index, span) in scopeSpans.spans.enumerated() {
                    spans.append(try record(span, resource: resource, scope: scope, at: "\(path).spans[\(index)]"))
                }
            }
        }
        return DecodedExport(resourceSpanCount: request.resourceSpans.count, spans: spans)
    }

    private static func record(_ span: Opentelemetry_Proto_Trace_V1_Span, resource: ResourceRecord, scope: ScopeRecord,
                               at path: String) throws -> SpanRecord {
        guard let traceID = HexID.binary(span.traceID, length: 16) else {
            throw InvalidExport("\(path).traceId: must be 16 bytes and not all zero (got \(span.traceID.count) bytes)")
        }
        guard let spanID = HexID.binary(span.spanID, length: 8) else {
            throw InvalidExport("\(path).spanId: must be 8 bytes and not all zero (got \(span.spanID.count) bytes)")
        }
        var parentID: String?
        if !span.parentSpanID.isEmpty, span.parentSpanID.contains(where: { $0 != 0 }) {
            guard let parent = HexID.binary(span.parentSpanID, length: 8) else {
                throw InvalidExport("\(path).parentSpanId: must be empty or 8 bytes (got \(span.parentSpanID.count) bytes)")
            }
            parentID = parent
        }
        var events: [SpanEventRecord] = []
        events.reserveCapacity(span.events.count)
        for (index, event) in span.events.enumerated() {
            events.append(SpanEventRecord(name: event.name, timeUnixNano: event.timeUnixNano,
                                          attributes: try attributes(event.attributes, at: "\(path).events[\(index)]")))
        }
        return SpanRecord(traceID: traceID, spanID: spanID, parentSpanID: parentID, name: span.name, kind: span.kind.rawValue,
                          startTimeUnixNano: span.startTimeUnixNano, endTimeUnixNano: span.endTimeUnixNano,
                          attributes: try attributes(span.attributes, at: path), events: events,
                          statusCode: span.status.code.rawValue, statusMessage: span.status.message,
                          resource: resource, scope: scope)
    }

    private static func attributes(_ list: [Opentelemetry_Proto_Common_V1_KeyValue], at path: String) throws -> [String: AttributeValue] {
        var result: [String: AttributeValue] = [:]
        result.reserveCapacity(list.count)
        for pair in list {
            result[pair.key] = try value(pair.value, depth: 1, at: path + ".attributes")
        }
        return result
    }

    private static func value(_ any: Opentelemetry_Proto_Common_V1_AnyValue, depth: Int, at path: String) throws -> AttributeValue {
        guard depth <= AttributeValue.maxDepth else {
            throw InvalidExport("\(path): attribute values nested deeper than \(AttributeValue.maxDepth) levels")
        }
        switch any.value {
        case .stringValue(let text)?: return .string(text)
        case .boolValue(let flag)?: return .bool(flag)
        case .intValue(let number)?: return .int(number)
        case .doubleValue(let number)?: return .double(number)
        case .bytesValue(let data)?: return .bytes([UInt8](data))
        case .arrayValue(let array)?:
            return .array(try array.values.map { try value($0, depth: depth + 1, at: path) })
        case .kvlistValue(let list)?:
            return .kvlist(try list.values.map { AttributeValue.KeyValue(key: $0.key, value: try value($0.value, depth: depth + 1, at: path)) })
        case .stringValueStrindex?, nil:
            return .empty
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case BinaryDecodingError.truncated: "the body ends in the middle of a field (truncated)"
        case BinaryDecodingError.malformedProtobuf: "malformed protobuf"
        case BinaryDecodingError.invalidUTF8: "a string field is not valid UTF-8"
        case BinaryDecodingError.messageDepthLimit: "messages nested too deeply"
        case BinaryDecodingError.trailingGarbage: "unexpected bytes after the message"
        default: "\(error)"
        }
    }
}
