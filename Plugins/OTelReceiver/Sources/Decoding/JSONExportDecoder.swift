import Foundation

/// Decodes an OTLP/JSON `ExportTraceServiceRequest` (hex ids, int64 as number or string, enums as number or name).
enum JSONExportDecoder {
    /// Why a JSON body could not be decoded at all (answered with `Failed to parse OTel JSON Trace: …`).
    struct ParseFailure: Error {
        let reason: String
    }

    /// The deepest JSON nesting accepted before parsing: the envelope plus four levels per attribute nesting level.
    static let maxJSONDepth = 4 * AttributeValue.maxDepth + 16

    static func decode(_ body: [UInt8]) throws -> DecodedExport {
        let depth = BoundedJSON.depth(of: body, limit: maxJSONDepth)
        guard depth <= maxJSONDepth else {
            throw InvalidExport("attribute values nested deeper than \(AttributeValue.maxDepth) levels")
        }
        let request: WireRequest
        do {
            request = try JSONDecoder().decode(WireRequest.self, from: Data(body))
        } catch let error as InvalidExport {
            throw error
        } catch let error as DecodingError {
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                throw InvalidExport("\(path(context.codingPath)): \(context.debugDescription)")
            case .dataCorrupted(let context) where !context.codingPath.isEmpty:
                throw InvalidExport("\(path(context.codingPath)): \(context.debugDescription)")
            case .dataCorrupted(let context):
                throw ParseFailure(reason: underlyingText(context))
            case .keyNotFound(let key, let context):
                throw InvalidExport("\(path(context.codingPath + [key])): is required")
            @unknown default:
                throw ParseFailure(reason: "\(error)")
            }
        } catch {
            throw ParseFailure(reason: "\(error)")
        }
        var spans: [SpanRecord] = []
        let resourceSpans = request.resourceSpans ?? []
        for (r, entry) in resourceSpans.enumerated() {
            let resource = ResourceRecord(attributes: .init(pairs: entry.resource?.attributes ?? []))
            for (s, scopeEntry) in (entry.scopeSpans ?? []).enumerated() {
                let scope = ScopeRecord(name: scopeEntry.scope?.name ?? "", version: scopeEntry.scope?.version ?? "",
                                        attributes: .init(pairs: scopeEntry.scope?.attributes ?? []))
                for (index, span) in (scopeEntry.spans ?? []).enumerated() {
                    spans.append(try record(span, resource: resource, scope: scope, at: "resourceSpans[\(r)].scopeSpans[\(s)].spans[\(index)]"))
                }
            }
        }
        return DecodedExport(resourceSpanCount: resourceSpans.count, spans: spans)
    }

    private static func record(_ span: WireSpan, resource: ResourceRecord, scope: ScopeRecord, at path: String) throws -> SpanRecord {
        guard let rawTrace = span.traceId, let traceID = HexID.text(rawTrace, length: 16) else {
            throw InvalidExport("\(path).traceId: must be 32 hex digits and not all zero (got \(describe(span.traceId)))")
        }
        guard let rawSpan = span.spanId, let spanID = HexID.text(rawSpan, length: 8) else {
            throw InvalidExport("\(path).spanId: must be 16 hex digits and not all zero (got \(describe(span.spanId)))")
        }
        var parentID: String?
        if let rawParent = span.parentSpanId, !rawParent.isEmpty, rawParent.contains(where: { $0 != "0" }) {
            guard let parent = HexID.text(rawParent, length: 8) else {
                throw InvalidExport("\(path).parentSpanId: must be empty or 16 hex digits (got \(describe(rawParent)))")
            }
            parentID = parent
        }
        let events = (span.events ?? []).map {
            SpanEventRecord(name: $0.name ?? "", timeUnixNano: $0.timeUnixNano?.value ?? 0, attributes: .init(pairs: $0.attributes ?? []))
        }
        return SpanRecord(traceID: traceID, spanID: spanID, parentSpanID: parentID, name: span.name ?? "", kind: span.kind?.value ?? 0,
                          startTimeUnixNano: span.startTimeUnixNano?.value ?? 0, endTimeUnixNano: span.endTimeUnixNano?.value ?? 0,
                          attributes: .init(pairs: span.attributes ?? []), events: events,
                          statusCode: span.status?.code?.value ?? 0, statusMessage: span.status?.message ?? "",
                          resource: resource, scope: scope)
    }

    private static func describe(_ text: String?) -> String {
        guard let text else { return "nothing" }
        return text.count > 40 ? "\"\(text.prefix(40))…\"" : "\"\(text)\""
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return text.isEmpty ? "body" : text
    }

    private static func underlyingText(_ context: DecodingError.Context) -> String {
        if let underlying = context.underlyingError { return "\(context.debugDescription) (\(underlying))" }
        return context.debugDescription
    }
}

// MARK: - Wire shapes (unknown keys are ignored)

private struct WireRequest: Decodable {
    var resourceSpans: [WireResourceSpans]?
}

private struct WireResourceSpans: Decodable {
    var resource: WireResource?
    var scopeSpans: [WireScopeSpans]?
}

private struct WireResource: Decodable {
    var attributes: [AttributeValue.KeyValue]?
}

private struct WireScopeSpans: Decodable {
    var scope: WireScope?
    var spans: [WireSpan]?
}

private struct WireScope: Decodable {
    var name: String?
    var version: String?
    var attributes: [AttributeValue.KeyValue]?
}

private struct WireSpan: Decodable {
    var traceId: String?
    var spanId: String?
    var parentSpanId: String?
    var name: String?
    var kind: WireEnum?
    var startTimeUnixNano: WireUInt64?
    var endTimeUnixNano: WireUInt64?
    var attributes: [AttributeValue.KeyValue]?
    var events: [WireEvent]?
    var status: WireStatus?
}

private struct WireEvent: Decodable {
    var timeUnixNano: WireUInt64?
    var name: String?
    var attributes: [AttributeValue.KeyValue]?
}

private struct WireStatus: Decodable {
    var message: String?
    var code: WireEnum?
}

/// A fixed64 as a JSON number or decimal string.
private struct WireUInt64: Decodable {
    var value: UInt64

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(UInt64.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = UInt64(text.trimmingCharacters(in: .whitespaces)) {
            value = number
        } else if let number = try? container.decode(Double.self), number >= 0, number < 1.8e19, number.rounded() == number {
            value = UInt64(number)
        } else {
            throw DecodingError.typeMismatch(UInt64.self, .init(codingPath: decoder.codingPath,
                                                                debugDescription: "expected unix nanoseconds as a number or a decimal string"))
        }
    }
}

/// A proto enum as its number or its name (`SPAN_KIND_SERVER`, `STATUS_CODE_ERROR`).
private struct WireEnum: Decodable {
    var value: Int

    private static let names: [String: Int] = [
        "SPAN_KIND_UNSPECIFIED": 0, "SPAN_KIND_INTERNAL": 1, "SPAN_KIND_SERVER": 2, "SPAN_KIND_CLIENT": 3,
        "SPAN_KIND_PRODUCER": 4, "SPAN_KIND_CONSUMER": 5,
        "STATUS_CODE_UNSET": 0, "STATUS_CODE_OK": 1, "STATUS_CODE_ERROR": 2,
    ]

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int32.self) {
            value = Int(number)
        } else if let text = try? container.decode(String.self), let number = Self.names[text] ?? Int32(text).map(Int.init) {
            value = number
        } else {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an enum number or name"))
        }
    }
}

extension AttributeValue.KeyValue: Decodable {
    private enum Keys: String, CodingKey { case key, value }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        key = try container.decodeIfPresent(String.self, forKey: .key) ?? ""
        value = try container.decodeIfPresent(AttributeValue.self, forKey: .value) ?? .empty
    }
}

extension AttributeValue: Decodable {
    private enum Keys: String, CodingKey {
        case stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue
    }

    private struct Values<Element: Decodable>: Decodable {
        var values: [Element]?
    }

    init(from decoder: any Decoder) throws {
        let depth = decoder.codingPath.reduce(0) { count, key in
            count + (key.stringValue == "arrayValue" || key.stringValue == "kvlistValue" ? 1 : 0)
        }
        guard depth < Self.maxDepth else {
            throw InvalidExport("attribute values nested deeper than \(Self.maxDepth) levels")
        }
        let container = try decoder.container(keyedBy: Keys.self)
        if let text = try container.decodeIfPresent(String.self, forKey: .stringValue) {
            self = .string(text)
        } else if let flag = try container.decodeIfPresent(Bool.self, forKey: .boolValue) {
            self = .bool(flag)
        } else if container.contains(.intValue) {
            if let number = try? container.decode(Int64.self, forKey: .intValue) {
                self = .int(number)
            } else if let text = try? container.decode(String.self, forKey: .intValue),
                      let number = Int64(text.trimmingCharacters(in: .whitespaces)) {
                self = .int(number)
            } else {
                throw DecodingError.typeMismatch(Int64.self, .init(codingPath: container.codingPath + [Keys.intValue],
                                                                   debugDescription: "expected an int64 as a number or a decimal string"))
            }
        } else if container.contains(.doubleValue) {
            if let number = try? container.decode(Double.self, forKey: .doubleValue) {
                self = .double(number)
            } else if let text = try? container.decode(String.self, forKey: .doubleValue), let number = Double(text) {
                self = .double(number)
            } else {
                throw DecodingError.typeMismatch(Double.self, .init(codingPath: container.codingPath + [Keys.doubleValue],
                                                                    debugDescription: "expected a number"))
            }
        } else if let array = try container.decodeIfPresent(Values<AttributeValue>.self, forKey: .arrayValue) {
            self = .array(array.values ?? [])
        } else if let list = try container.decodeIfPresent(Values<KeyValue>.self, forKey: .kvlistValue) {
            self = .kvlist(list.values ?? [])
        } else if let text = try container.decodeIfPresent(String.self, forKey: .bytesValue) {
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [Keys.bytesValue],
                                                        debugDescription: "expected base64 bytes"))
            }
            self = .bytes([UInt8](data))
        } else {
            self = .empty
        }
    }
}
