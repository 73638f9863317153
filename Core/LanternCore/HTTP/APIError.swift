import Foundation
import HTTPTypes
import Hummingbird
import LanternPluginSDK
import Logging

/// An error answered with Langfuse's body `{"message": …, "error": "<ErrorClass>"}` (contract §0).
public struct APIError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// The error class name; nil for auth failures, which carry only a message.
    public var errorName: String?
    public var headers: HTTPFields = [:]
    /// The machine-readable `code` of the unstable evaluation API's error envelope; nil elsewhere.
    public var code: String?
    /// That envelope's structured `details`.
    public var details: JSONValue?

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message, errorName: "InvalidRequestError") }
    static func unauthorized(_ message: String) -> APIError { APIError(status: .unauthorized, message: message, errorName: nil) }
    static func forbidden(_ message: String) -> APIError { APIError(status: .forbidden, message: message, errorName: "ForbiddenError") }
    static func conflict(_ message: String) -> APIError { APIError(status: .conflict, message: message, errorName: "LangfuseConflictError") }
    static func tooManyRequests(_ message: String, retryAfter: Int) -> APIError {
        var error = APIError(status: .tooManyRequests, message: message, errorName: "TooManyRequestsError")
        error.headers[.retryAfter] = String(retryAfter)
        return error
    }
    /// An error of the unstable evaluation API: Langfuse's `{message, code, details}` envelope.
    static func evaluation(_ status: HTTPResponse.Status, _ code: String, _ message: String, details: [String: JSONValue]? = nil) -> APIError {
        var error = APIError(status: status, message: message, errorName: nil)
        error.code = code
        error.details = details.map(JSONValue.object)
        return error
    }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message, errorName: "LangfuseNotFoundError") }
    static func notImplemented(_ message: String) -> APIError { APIError(status: .notImplemented, message: message, errorName: "NotImplementedError") }
    /// The refusal of one ingested event, with its own status (404 names a missing resource, else a 400-class error).
    static func refused(_ outcome: EventOutcome) -> APIError {
        let message = outcome.error ?? "not stored"
        switch outcome.status {
        case 404: return notFound(message)
        case 501: return notImplemented(message)
        case 500...: return unavailable(message)
        default: return APIError(status: HTTPResponse.Status(code: outcome.status), message: message, errorName: "InvalidRequestError")
        }
    }
    static func payloadTooLarge(_ limit: Int) -> APIError {
        APIError(status: .contentTooLarge, message: "Request body exceeds the limit of \(limit) bytes", errorName: "PayloadTooLargeError")
    }
    static func unavailable(_ message: String, retryAfter: Int = 5) -> APIError {
        var error = APIError(status: .serviceUnavailable, message: message, errorName: "ServiceUnavailableError")
        error.headers[.retryAfter] = String(retryAfter)
        return error
    }

    /// The JSON response for this error.
    func response() -> Response {
        var body: [String: JSONValue] = ["message": .string(message)]
        if let errorName { body["error"] = .string(errorName) }
        if let code {
            body["code"] = .string(code)
            body["details"] = details ?? .null
        }
        return JSONResponse.make(status, .object(body), headers: headers)
    }
}

/// Turns every error thrown below it into a JSON response, so no route answers with an empty body or a trace.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = LanternRequestContext
    /// The router's routes, to tell a wrong method (405) from an unknown path (404).
    var routes = RouteTable()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return error.response()
        } catch let error as IngestionError {
            return Self.response(for: error).response()
        } catch let error as StorageError {
            return Self.response(for: error).response()
        } catch let error as HTTPResponseError {
            if error.status == .contentTooLarge { return APIError.payloadTooLarge(context.maxUploadSize).response() }
            if error.status == .notFound {
                let allowed = routes.methods(for: request.uri.path)
                guard !allowed.isEmpty, !allowed.contains("\(request.method)") else {
                    return APIError.notFound("Route not found: \(request.method) \(request.uri.path)").response()
                }
                var refusal = APIError(status: .methodNotAllowed, message: "Method \(request.method) is not allowed on \(request.uri.path); "
                                       + "allowed: \(allowed.joined(separator: ", "))", errorName: "MethodNotAllowedError")
                refusal.headers[.allow] = allowed.joined(separator: ", ")
                return refusal.response()
            }
            let name = error.status.code == 405 ? "MethodNotAllowedError" : "InvalidRequestError"
            return APIError(status: error.status, message: "\(error.status.reasonPhrase)", errorName: name).response()
        } catch {
            return Self.internalError(error, request: request, requestID: context.requestID ?? Identifiers.random(), logger: context.logger)
        }
    }

    /// A 500 that tells the client only "internal error" and a request id; the detail goes to the log under that id.
    static func internalError(_ error: any Error, request: Request, requestID: String, logger: Logger) -> Response {
        logger.error("internal error", metadata: ["requestId": "\(requestID)", "error": "\(error)", "method": "\(request.method)",
                                                  "path": "\(request.uri.path)"])
        return JSONResponse.make(.internalServerError, ["message": .string("internal error (request id \(requestID))"),
                                                        "error": "InternalServerError", "requestId": .string(requestID)],
                                 headers: [.requestID: requestID])
    }

    /// Storage failures: 501 for a capability the plugin lacks, 409 for conflicts, 400 for invalid input, 422 for a
    /// query stopped at the statement deadline, 503 otherwise.
    static func response(for error: StorageError) -> APIError {
        switch error {
        case .unsupported(let what): APIError(status: .notImplemented, message: "The storage plugin does not support \(what)", errorName: "NotImplementedError")
        case .conflict(let what): .conflict(what)
        case .unavailable(let why): .unavailable("Storage unavailable: \(why)")
        case .invalid(let what): .badRequest(what)
        case .tooSlow(let what):
            APIError(status: .unprocessableContent, message: "The query took longer than the storage allows (\(what)); narrow it: a shorter "
                     + "time range, fewer dimensions, more filters or a coarser granularity", errorName: "QueryTooSlowError")
        @unknown default: .unavailable("Storage unavailable: \(error)")
        }
    }

    /// Back-pressure and outages answer 503 with `Retry-After`; clients and SDKs retry those.
    static func response(for error: IngestionError) -> APIError {
        switch error {
        case .atCapacity(let seconds): .unavailable("Ingestion is at capacity; retry later", retryAfter: seconds)
        case .unavailable(let reason): .unavailable("Ingestion unavailable: \(reason)")
        @unknown default: .unavailable("Ingestion unavailable: \(error)")
        }
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`: the id a 500 answer and its log line share.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
