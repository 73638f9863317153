import Foundation
import Hummingbird
import LanternPluginSDK

/// `POST /api/public/ingestion`: Langfuse's batch API. Per-event validation, 207 with successes and errors;
/// the response is sent only after storage committed the accepted events.
struct IngestionRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/ingestion", use: ingest)
    }

    @Sendable func ingest(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let body = try await JSONResponse.body(of: request, limit: maxBodyBytes)
        guard case .object(let top) = body else {
            throw APIError.badRequest("Invalid request data: expected an object with a `batch` array")
        }
        guard case .array(let batch)? = top["batch"] else {
            throw APIError.badRequest("Invalid request data: batch: expected an array of events")
        }
        let decoder = LangfuseEventDecoder(projectID: principal.projectID, now: Date())
        var events: [IngestionEvent] = []
        var errors: [EventOutcome] = []
        for raw in batch {
            switch decoder.decode(raw) {
            case .event(let event): events.append(event)
            case .rejected(let outcome): errors.append(outcome)
            case .ignored: break
            }
        }
        let outcomes = try await support.services.ingestion.accept(principal, events)
        let successes = outcomes.filter(\.isSuccess)
        errors += outcomes.filter { !$0.isSuccess }
        return JSONResponse.make(HTTPResponse.Status(code: 207), [
            "successes": .array(successes.map { ["id": .string($0.eventID), "status": .number(Double($0.status))] }),
            "errors": .array(errors.map(Self.present)),
        ])
    }

    private static func present(_ outcome: EventOutcome) -> JSONValue {
        let message = switch outcome.status {
        case 400: "Invalid request data"
        case 401, 403: "Authentication error"
        case 404: "Resource not found"
        default: "Internal Server Error"
        }
        return ["id": .string(outcome.eventID), "status": .number(Double(outcome.status)), "message": .string(message),
                "error": outcome.error.map { .string($0) } ?? .null]
    }

}
