import Foundation
import LanternPluginSDK

/// Handles one `POST /api/public/otel/v1/traces`: content negotiation, decompression, decoding, mapping,
/// and the hand-off to the ingestion sink. Every failure becomes an HTTP answer; nothing throws or traps.
struct ExportHandler {
    let host: any PluginHost
    /// The cap on a decompressed body: the route's own body limit, so gzip cannot widen what a request may carry.
    let inflatedLimit: Int
    /// The setting that sets the limit, named in the 413 answer.
    let limitSetting: String
    /// The newest `x-langfuse-ingestion-version` this receiver understands (Langfuse SDK v5 sends 4).
    static let newestIngestionVersion = 4

    /// The two OTLP/HTTP encodings.
    enum Format {
        case protobuf, json

        var name: String { self == .protobuf ? "Protobuf" : "JSON" }
    }

    func handle(_ request: PluginRequest) async -> PluginResponse {
        guard let projectID = request.projectID else {
            return ExportResponses.error(401, "the OTLP route needs project credentials (Basic auth)")
        }
        if let version = request.headers["x-langfuse-ingestion-version"]?.trimmingCharacters(in: .whitespaces),
           let number = Int(version), number > Self.newestIngestionVersion {
            return ExportResponses.error(400, "Unsupported x-langfuse-ingestion-version \(number): this server accepts versions up to \(Self.newestIngestionVersion)")
        }
        let contentType = request.headers["content-type"]?.lowercased() ?? ""
        let format: Format
        if contentType.contains("application/x-protobuf") {
            format = .protobuf
        } else if contentType.contains("application/json") {
            format = .json
        } else {
            return ExportResponses.error(400, "Invalid content type")
        }

        let body: [UInt8]
        switch decodeContent(request.body, encoding: request.headers["content-encoding"]) {
        case .success(let bytes): body = bytes
        case .failure(let failure): return failure.response
        }

        let export: DecodedExport
        do {
            export = try format == .protobuf ? ProtobufExportDecoder.decode(body) : JSONExportDecoder.decode(body)
        } catch let error as InvalidExport {
            return ExportResponses.error(400, "Invalid OTLP trace export: \(error.reason)")
        } catch let error as ProtobufExportDecoder.ParseFailure {
            return ExportResponses.error(400, "Failed to parse OTel Protobuf Trace: \(error.reason)")
        } catch let error as JSONExportDecoder.ParseFailure {
            return ExportResponses.error(400, "Failed to parse OTel JSON Trace: \(error.reason)")
        } catch {
            return ExportResponses.error(400, "Failed to parse OTel \(format.name) Trace: \(error)")
        }
        guard export.resourceSpanCount > 0, !export.spans.isEmpty else { return ExportResponses.success(format) }

        let events = SpanMapper(client: ClientInfo(headers: request.headers), now: host.now()).events(for: export.spans)
        let outcomes: [EventOutcome]
        do {
            outcomes = try await host.ingestion.accept(events, projectID: projectID)
        } catch IngestionError.atCapacity(let seconds) {
            return ExportResponses.error(429, "Ingestion is at capacity; retry later", retryAfter: max(1, seconds))
        } catch IngestionError.unavailable(let reason) {
            host.logger.warning("OTLP export not stored: ingestion unavailable", ["reason": reason])
            return ExportResponses.unavailable("Ingestion is unavailable: \(reason)")
        } catch {
            host.logger.error("OTLP export not stored", ["error": "\(error)"])
            return ExportResponses.unavailable("Ingestion failed: \(error)")
        }
        return ExportResponses.forOutcomes(outcomes, events: events, format: format, logger: host.logger)
    }

    /// The body after undoing `Content-Encoding` (gzip or identity, applied in the listed order).
    private func decodeContent(_ body: [UInt8], encoding header: String?) -> Result<[UInt8], ResponseFailure> {
        let codings = (header ?? "").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var bytes = body
        for coding in codings.reversed() {
            switch coding {
            case "identity":
                continue
            case "gzip", "x-gzip":
                do throws(Gzip.Failure) {
                    bytes = try Gzip.inflate(bytes, limit: inflatedLimit)
                } catch {
                    switch error {
                    case .tooLarge(let limit):
                        return .failure(ResponseFailure(ExportResponses.error(
                            413, "Decompressed body exceeds the limit of \(limit) bytes (\(limitSetting)); inflating stopped there")))
                    case .corrupt(let reason):
                        return .failure(ResponseFailure(ExportResponses.error(400, "Invalid gzip body: \(reason)")))
                    }
                }
            default:
                return .failure(ResponseFailure(ExportResponses.error(415, "Unsupported content encoding: \(coding.prefix(40))")))
            }
        }
        return .success(bytes)
    }
}

/// A response carried through a `Result` failure.
struct ResponseFailure: Error {
    let response: PluginResponse
    init(_ response: PluginResponse) { self.response = response }
}

/// The answers of the OTLP route.
enum ExportResponses {
    /// 200: `{}` for JSON requests, an empty `ExportTraceServiceResponse` for protobuf requests.
    static func success(_ format: ExportHandler.Format) -> PluginResponse {
        switch format {
        case .json: PluginResponse.json(200, .object([:]))
        case .protobuf: PluginResponse(status: 200, headers: ["content-type": "application/x-protobuf"], body: [])
        }
    }

    /// `{"error": message}` with `status`, optionally with `Retry-After`.
    static func error(_ status: Int, _ message: String, retryAfter: Int? = nil) -> PluginResponse {
        PluginResponse.json(status, ["error": .string(message)], headers: retryAfter.map { ["retry-after": String($0)] } ?? [:])
    }

    /// 503 with `Retry-After: 5`.
    static func unavailable(_ message: String) -> PluginResponse {
        error(503, message, retryAfter: 5)
    }

    /// Success only when every event was stored; otherwise the rejected events are listed: 503 (retryable) when
    /// any failed on the server side, 400 when all failures are the request's fault.
    static func forOutcomes(_ outcomes: [EventOutcome], events: [IngestionEvent], format: ExportHandler.Format,
                            logger: PluginLogger) -> PluginResponse {
        guard outcomes.count == events.count else {
            logger.error("ingestion returned a wrong number of outcomes", ["events": "\(events.count)", "outcomes": "\(outcomes.count)"])
            return unavailable("Ingestion returned \(outcomes.count) outcomes for \(events.count) events")
        }
        let failed = outcomes.filter { !$0.isSuccess }
        guard !failed.isEmpty else { return success(format) }
        let details: [JSONValue] = failed.prefix(100).map { outcome in
            ["id": .string(outcome.eventID), "status": .number(Double(outcome.status)), "message": .string(outcome.error ?? "rejected")]
        }
        let serverSide = failed.contains { $0.status >= 500 }
        let summary = "Ingestion rejected \(failed.count) of \(events.count) events"
        logger.warning("OTLP export partly rejected", ["rejected": "\(failed.count)", "events": "\(events.count)",
                                                       "first": failed.first.map { "\($0.eventID): \($0.error ?? "")" } ?? ""])
        var headers: [String: String] = [:]
        if serverSide { headers["retry-after"] = "5" }
        return PluginResponse.json(serverSide ? 503 : 400, ["error": .string(summary), "errors": .array(details)], headers: headers)
    }
}
