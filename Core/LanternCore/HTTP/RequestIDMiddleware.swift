import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id and writes one access line when it is answered.
///
/// The id is the caller's `X-Request-Id` when that is a plausible id (1 to 128 letters, digits, `-`, `_`, `.`), else
/// the trace id of a W3C `traceparent`, else a new random one. It is returned in `X-Request-Id`, carried by every
/// log line of the request (the context's logger has it as `requestId`) and by the audit events the request causes.
/// The access line has method, route template, status, duration, project and response bytes; never a header value
/// or a body.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = LanternRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let requestID = Self.requestID(from: request.headers)
        var context = context
        context.requestID = requestID
        context.logger[metadataKey: "requestId"] = .string(requestID)
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = requestID
        let elapsed = ContinuousClock.now - started
        let seen = context.seen.value
        logger.info("request", metadata: [
            "requestId": .string(requestID), "method": "\(request.method)", "route": .string(context.endpointPath ?? request.uri.path),
            "status": "\(response.status.code)", "durationMs": .string(String(format: "%.1f", elapsed.inSeconds * 1000)),
            "projectId": .string(seen.projectID ?? "-"), "bytes": "\(response.body.contentLength ?? -1)",
        ])
        return response
    }

    /// The caller's id, the `traceparent`'s trace id, or a new one.
    static func requestID(from headers: HTTPFields) -> String {
        if let given = headers[.requestID], (1...128).contains(given.utf8.count),
           given.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)) }) {
            return given
        }
        if let parent = headers[HTTPField.Name("traceparent")!] {
            let parts = parent.split(separator: "-")
            if parts.count == 4, parts[1].utf8.count == 32, parts[1].allSatisfy(\.isHexDigit), parts[1].contains(where: { $0 != "0" }) {
                return String(parts[1]).lowercased()
            }
        }
        return Identifiers.random()
    }
}
