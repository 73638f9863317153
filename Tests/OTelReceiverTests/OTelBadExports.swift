import LanternPluginSDK
import Testing

/// One export the receiver must refuse, and the answer it must get: the status, and the parts of the error message
/// that say what is wrong (the field's path, where there is a field).
struct BadExport: Sendable, CustomTestStringConvertible {
    let name: String
    let body: [UInt8]
    var contentType: String? = "application/x-protobuf"
    var headers: [String: String] = [:]
    let status: Int
    let mentions: [String]

    var testDescription: String { name }

    /// Every bad export the tests send, one test case each.
    static let all = protobufCases + jsonCases + envelopeCases

    private static let spanPath = "resourceSpans[0].scopeSpans[0].spans[0]"

    private static func span(_ change: (inout OTLPProto.Span) -> Void) -> [UInt8] {
        var span = OTLPProto.Span()
        change(&span)
        return OTLPProto.request([span])
    }

    private static let protobufCases: [BadExport] = [
        BadExport(name: "protobuf: spanId of 7 bytes", body: span { $0.spanID = [1, 2, 3, 4, 5, 6, 7] }, status: 400,
                  mentions: ["Invalid OTLP trace export: ", "\(spanPath).spanId", "got 7 bytes"]),
        BadExport(name: "protobuf: all-zero traceId", body: span { $0.traceID = Array(repeating: 0, count: 16) }, status: 400,
                  mentions: ["\(spanPath).traceId", "not all zero"]),
        BadExport(name: "protobuf: parentSpanId of 3 bytes", body: span { $0.parentID = [1, 2, 3] }, status: 400,
                  mentions: ["\(spanPath).parentSpanId", "got 3 bytes"]),
        BadExport(name: "protobuf: second span without a spanId", body: OTLPProto.request([OTLPProto.Span(), OTLPProto.Span(spanID: [])]),
                  status: 400, mentions: ["resourceSpans[0].scopeSpans[0].spans[1].spanId", "got 0 bytes"]),
        BadExport(name: "protobuf: attribute nested 100 levels", body: span { $0.attributes = [("deep", nestedKVList(depth: 100))] },
                  status: 400, mentions: ["\(spanPath).attributes", "nested deeper than 64"]),
        BadExport(name: "protobuf: truncated", body: Array(OTLPProto.request([OTLPProto.Span()]).dropLast()), status: 400,
                  mentions: ["Failed to parse OTel Protobuf Trace: ", "truncated"]),
    ]

    /// An OTLP/JSON export of one span whose members are `members`.
    private static func jsonExport(span members: String) -> [UInt8] {
        Array(#"{"resourceSpans":[{"scopeSpans":[{"spans":[{\#(members)}]}]}]}"#.utf8)
    }

    private static let ids = #""traceId":"\#(String(repeating: "ab", count: 16))","spanId":"0102030405060708""#

    private static let jsonCases: [BadExport] = [
        BadExport(name: "JSON: traceId not hex", body: jsonExport(span: #""traceId":"\#(String(repeating: "zz", count: 16))","spanId":"0102030405060708""#),
                  contentType: "application/json", status: 400,
                  mentions: ["Invalid OTLP trace export: ", "\(spanPath).traceId", "32 hex digits"]),
        BadExport(name: "JSON: spanId missing", body: jsonExport(span: #""traceId":"\#(String(repeating: "ab", count: 16))""#),
                  contentType: "application/json", status: 400, mentions: ["\(spanPath).spanId", "got nothing"]),
        BadExport(name: "JSON: parentSpanId not hex", body: jsonExport(span: ids + #","parentSpanId":"xyz""#),
                  contentType: "application/json", status: 400, mentions: ["\(spanPath).parentSpanId", #"got "xyz""#]),
        BadExport(name: "JSON: intValue not a number", body: jsonExport(span: ids + #","attributes":[{"key":"n","value":{"intValue":"abc"}}]"#),
                  contentType: "application/json", status: 400, mentions: ["\(spanPath).attributes[0].value.intValue", "int64"]),
        BadExport(name: "JSON: bytesValue not base64", body: jsonExport(span: ids + #","attributes":[{"key":"b","value":{"bytesValue":"%%"}}]"#),
                  contentType: "application/json", status: 400, mentions: ["\(spanPath).attributes[0].value.bytesValue", "base64"]),
        BadExport(name: "JSON: negative startTimeUnixNano", body: jsonExport(span: ids + #","startTimeUnixNano":-5"#),
                  contentType: "application/json", status: 400, mentions: ["\(spanPath).startTimeUnixNano", "unix nanoseconds"]),
        BadExport(name: "JSON: unknown span kind", body: jsonExport(span: ids + #","kind":"SPAN_KIND_BOGUS""#),
                  contentType: "application/json", status: 400, mentions: ["\(spanPath).kind", "enum number or name"]),
        BadExport(name: "JSON: scopeSpans is an object", body: Array(#"{"resourceSpans":[{"scopeSpans":{}}]}"#.utf8),
                  contentType: "application/json", status: 400, mentions: ["Invalid OTLP trace export: resourceSpans[0].scopeSpans: "]),
        BadExport(name: "JSON: syntax error", body: Array(#"{"resourceSpans":["#.utf8), contentType: "application/json", status: 400,
                  mentions: ["Failed to parse OTel JSON Trace: "]),
    ]

    private static let envelopeCases: [BadExport] = [
        BadExport(name: "content type text/plain", body: OTLPProto.request([OTLPProto.Span()]), contentType: "text/plain", status: 400,
                  mentions: ["Invalid content type"]),
        BadExport(name: "content encoding br", body: OTLPProto.request([OTLPProto.Span()]), headers: ["content-encoding": "br"],
                  status: 415, mentions: ["Unsupported content encoding: br"]),
        BadExport(name: "gzip encoding of bytes that are not gzip", body: Array("not gzip".utf8), headers: ["content-encoding": "gzip"],
                  status: 400, mentions: ["Invalid gzip body: "]),
        BadExport(name: "ingestion version 5", body: OTLPProto.request([OTLPProto.Span()]), headers: ["x-langfuse-ingestion-version": "5"],
                  status: 400, mentions: ["Unsupported x-langfuse-ingestion-version 5"]),
    ]
}

/// A kvlist nested `depth` levels deep.
func nestedKVList(depth: Int) -> OTValue {
    var value = OTValue.s("leaf")
    for _ in 1..<depth { value = .kv([("k", value)]) }
    return value
}
