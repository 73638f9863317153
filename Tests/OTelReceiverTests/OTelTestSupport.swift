import Foundation
import Testing
import LanternPluginSDK
@testable import OTelReceiver

// MARK: - Test doubles

/// An ingestion sink that records what it receives; it can refuse whole batches or reject single events.
actor OTLPRecordingSink: IngestionSink {
    private(set) var batches: [[IngestionEvent]] = []
    private(set) var projects: [String] = []
    var refusal: IngestionError?
    var rejectedStatus: Int?

    func refuse(with error: IngestionError?) { refusal = error }
    func rejectEvents(status: Int?) { rejectedStatus = status }

    func accept(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        if let refusal { throw refusal }
        batches.append(events)
        projects.append(projectID)
        if let rejectedStatus {
            return events.enumerated().map { index, event in
                index == 0 ? EventOutcome(eventID: event.id, status: rejectedStatus, error: "test rejection") : .stored(event.id)
            }
        }
        return events.map { .stored($0.id) }
    }

    var events: [IngestionEvent] { batches.flatMap { $0 } }
}

/// A host whose ingestion is a ``OTLPRecordingSink`` and whose clock is fixed.
struct OTLPTestHost: PluginHost {
    let sink: OTLPRecordingSink
    var logger: PluginLogger { .discarding }
    var ingestion: any IngestionSink { sink }
    func now() -> Date { Date(timeIntervalSince1970: 1_700_000_000) }
}

/// The plugin's factory, a started receiver and its route: the component the kernel makes from the plugin's manifest,
/// made here by the plugin's own factory so these tests need the plugin's module alone (loading the built library is
/// covered by the kernel's in-process server tests and the end-to-end tests).
struct OTelHarness {
    let sink = OTLPRecordingSink()
    let factory: any ComponentFactory
    let receiver: any IngestionReceiver
    let route: PluginRoute

    init(settings: PluginSettings = PluginSettings()) async throws {
        let factory = OTelReceiverFactory()
        let component = try factory.make(settings, context: ComponentContext(instanceID: "otlp", configDirectory: NSTemporaryDirectory()))
        let receiver = try #require(component as? any IngestionReceiver, "the otlp component is an IngestionReceiver")
        try await receiver.start(host: OTLPTestHost(sink: sink))
        self.factory = factory
        self.receiver = receiver
        route = try #require(receiver.routes().first, "the receiver declares a route")
    }

    func post(_ body: [UInt8], contentType: String? = "application/x-protobuf", headers: [String: String] = [:]) async throws -> PluginResponse {
        var all = headers
        if let contentType { all["content-type"] = contentType }
        let request = PluginRequest(method: "POST", path: "/api/public/otel/v1/traces", headers: all, body: body, projectID: "project-1")
        return try await route.handler(request)
    }

    func postJSON(_ text: String, headers: [String: String] = [:]) async throws -> PluginResponse {
        try await post(Array(text.utf8), contentType: "application/json", headers: headers)
    }

    /// The recorded observation with `id`.
    func observation(_ id: String) async -> ObservationUpdate? {
        for event in await sink.events { if case .observation(let update) = event.payload, update.id == id { return update } }
        return nil
    }

    /// The recorded trace updates.
    func traces() async -> [TraceUpdate] {
        await sink.events.compactMap { if case .trace(let update) = $0.payload { update } else { nil } }
    }

    func runItems() async -> [DatasetRunItemUpdate] {
        await sink.events.compactMap { if case .datasetRunItem(let item) = $0.payload { item } else { nil } }
    }
}

extension PluginResponse {
    var otlpText: String { String(decoding: body, as: UTF8.self) }
    var otlpJSON: JSONValue? { JSONValue(parsing: otlpText) }
    var otlpError: String { otlpJSON?.objectValue?["error"]?.stringValue ?? otlpText }
}

// MARK: - A tiny protobuf encoder (the package uses no protobuf library)

/// OTLP attribute values for the encoder.
indirect enum OTValue: Sendable {
    case s(String), b(Bool), i(Int64), d(Double), arr([OTValue]), kv([(String, OTValue)])
}

/// Protobuf wire-format writer.
struct OTLPProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func tag(_ field: Int, _ wireType: Int) { varint(UInt64(field << 3 | wireType)) }
    mutating func data(_ field: Int, _ payload: [UInt8]) {
        tag(field, 2)
        varint(UInt64(payload.count))
        bytes += payload
    }
    mutating func string(_ field: Int, _ text: String) { data(field, Array(text.utf8)) }
    mutating func message(_ field: Int, _ writer: OTLPProtoWriter) { data(field, writer.bytes) }
    mutating func uint(_ field: Int, _ value: UInt64) {
        tag(field, 0)
        varint(value)
    }
    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, 1)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xff)) }
    }
}

enum OTLPProto {
    static func anyValue(_ value: OTValue) -> OTLPProtoWriter {
        var w = OTLPProtoWriter()
        switch value {
        case .s(let text): w.string(1, text)
        case .b(let flag): w.uint(2, flag ? 1 : 0)
        case .i(let number): w.uint(3, UInt64(bitPattern: number))
        case .d(let number): w.fixed64(4, number.bitPattern)
        case .arr(let items):
            var array = OTLPProtoWriter()
            for item in items { array.message(1, anyValue(item)) }
            w.message(5, array)
        case .kv(let pairs):
            var list = OTLPProtoWriter()
            for (key, item) in pairs { list.message(1, keyValue(key, item)) }
            w.message(6, list)
        }
        return w
    }

    static func keyValue(_ key: String, _ value: OTValue) -> OTLPProtoWriter {
        var w = OTLPProtoWriter()
        w.string(1, key)
        w.message(2, anyValue(value))
        return w
    }

    struct Event {
        var name: String
        var time: UInt64
        var attributes: [(String, OTValue)] = []
    }

    struct Span {
        var traceID: [UInt8] = Array(repeating: 0xab, count: 16)
        var spanID: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        var parentID: [UInt8]? = nil
        var name = "span"
        var start: UInt64 = 1_714_564_800_250_000_000
        var end: UInt64 = 1_714_564_801_000_000_000
        var attributes: [(String, OTValue)] = []
        var events: [Event] = []
        var statusCode: UInt64 = 0
        var statusMessage = ""

        func encoded() -> OTLPProtoWriter {
            var w = OTLPProtoWriter()
            w.data(1, traceID)
            w.data(2, spanID)
            if let parentID { w.data(4, parentID) }
            w.string(5, name)
            w.uint(6, 1)
            w.fixed64(7, start)
            w.fixed64(8, end)
            for (key, value) in attributes { w.message(9, keyValue(key, value)) }
            for event in events {
                var e = OTLPProtoWriter()
                e.fixed64(1, event.time)
                e.string(2, event.name)
                for (key, value) in event.attributes { e.message(3, keyValue(key, value)) }
                w.message(11, e)
            }
            if statusCode != 0 || !statusMessage.isEmpty {
                var status = OTLPProtoWriter()
                if !statusMessage.isEmpty { status.string(2, statusMessage) }
                if statusCode != 0 { status.uint(3, statusCode) }
                w.message(15, status)
            }
            return w
        }
    }

    static func request(_ spans: [Span], resource: [(String, OTValue)] = [("service.name", .s("test-service"))],
                        scope: String = "test-scope", scopeVersion: String = "1.0") -> [UInt8] {
        var resourceMessage = OTLPProtoWriter()
        for (key, value) in resource { resourceMessage.message(1, keyValue(key, value)) }
        var scopeMessage = OTLPProtoWriter()
        scopeMessage.string(1, scope)
        scopeMessage.string(2, scopeVersion)
        var scopeSpans = OTLPProtoWriter()
        scopeSpans.message(1, scopeMessage)
        for span in spans { scopeSpans.message(2, span.encoded()) }
        var resourceSpans = OTLPProtoWriter()
        resourceSpans.message(1, resourceMessage)
        resourceSpans.message(2, scopeSpans)
        var request = OTLPProtoWriter()
        request.message(1, resourceSpans)
        return request.bytes
    }
}
