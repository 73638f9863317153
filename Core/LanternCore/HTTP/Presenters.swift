import Foundation
import LanternPluginSDK

/// Domain values as Langfuse's public API shows them (schemas in langfuse-openapi.yml).
enum Presenters {
    static func date(_ date: Date?) -> JSONValue { date.map { .string(ISO8601Timestamp.format($0)) } ?? .null }
    static func string(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
    static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
    static func numbers(_ map: [String: Double]) -> JSONValue { .object(map.mapValues { .number($0) }) }

    /// `Trace`.
    static func trace(_ trace: Trace) -> [String: JSONValue] {
        [
            "id": .string(trace.id), "timestamp": date(trace.timestamp), "name": string(trace.name),
            "input": trace.input ?? .null, "output": trace.output ?? .null, "sessionId": string(trace.sessionID),
            "release": string(trace.release), "version": string(trace.version), "userId": string(trace.userID),
            "metadata": .object(trace.metadata), "tags": .array(trace.tags.map { .string($0) }), "public": .bool(trace.isPublic),
            "environment": .string(trace.environment), "externalId": string(trace.externalID),
            "projectId": .string(trace.projectID), "createdAt": date(trace.createdAt), "updatedAt": date(trace.updatedAt),
        ]
    }

    /// `TraceWithDetails`: the trace with ids of its observations and scores, latency and cost.
    static func traceWithDetails(_ summary: TraceSummary) -> JSONValue {
        var object = trace(summary.trace)
        object["htmlPath"] = .string("/project/\(summary.trace.projectID)/traces/\(summary.trace.id)")
        object["latency"] = .number(summary.latency ?? 0)
        object["totalCost"] = .number(summary.totalCost ?? 0)
        object["inputTokens"] = .number(summary.inputTokens ?? 0)
        object["outputTokens"] = .number(summary.outputTokens ?? 0)
        object["totalTokens"] = .number(summary.totalTokens ?? 0)
        object["observations"] = .array(summary.observationIDs.map { .string($0) })
        object["scores"] = .array(summary.scoreIDs.map { .string($0) })
        return .object(object)
    }

    /// `TraceWithFullDetails`: the trace with its full observations and scores.
    static func traceWithFullDetails(_ summary: TraceSummary, observations: [Observation], scores: [Score], promptIDs: PromptIDs,
                                     models: ModelCatalog) -> JSONValue {
        guard case .object(var object) = traceWithDetails(summary) else { return .null }
        object["observations"] = .array(observations.map { observation($0, promptIDs: promptIDs, models: models) })
        object["scores"] = .array(scores.map(score))
        return .object(object)
    }

    /// `ObservationsView`: an observation with its derived figures; `modelId` and the prices are those of the model
    /// definition its cost was computed with.
    static func observation(_ observation: Observation, promptIDs: PromptIDs, models: ModelCatalog) -> JSONValue {
        let usage = observation.usageDetails, cost = observation.costDetails
        let prices = observation.modelID.flatMap { models.definition(projectID: observation.projectID, id: $0) }?.defaultTier?.prices
        let legacyUsage: JSONValue = .object([
            "input": .number(usage["input"] ?? 0), "output": .number(usage["output"] ?? 0), "total": .number(usage["total"] ?? 0),
            "unit": .string("TOKENS"), "inputCost": number(cost["input"]), "outputCost": number(cost["output"]),
            "totalCost": number(observation.totalCost),
        ])
        return .object([
            "id": .string(observation.id), "traceId": .string(observation.traceID), "type": .string(observation.type.rawValue),
            "name": string(observation.name), "startTime": date(observation.startTime), "endTime": date(observation.endTime),
            "completionStartTime": date(observation.completionStartTime), "model": string(observation.model),
            "modelParameters": observation.modelParameters.map { .object($0) } ?? .object([:]),
            "input": observation.input ?? .null, "output": observation.output ?? .null, "version": string(observation.version),
            "metadata": .object(observation.metadata), "usage": legacyUsage, "usageDetails": numbers(usage), "costDetails": numbers(cost),
            "level": .string(observation.level.rawValue), "statusMessage": string(observation.statusMessage),
            "parentObservationId": string(observation.parentObservationID), "promptId": string(promptIDs.id(of: observation)),
            "promptName": string(observation.promptName), "promptVersion": observation.promptVersion.map { .number(Double($0)) } ?? .null,
            "environment": .string(observation.environment), "projectId": .string(observation.projectID),
            "modelId": string(observation.modelID), "inputPrice": number(prices?["input"]), "outputPrice": number(prices?["output"]),
            "totalPrice": number(prices?["total"]),
            "calculatedInputCost": number(cost["input"]), "calculatedOutputCost": number(cost["output"]),
            "calculatedTotalCost": number(observation.totalCost),
            "latency": number(observation.latency), "timeToFirstToken": number(observation.timeToFirstToken),
            "createdAt": date(observation.createdAt), "updatedAt": date(observation.updatedAt),
        ])
    }

    /// `ScoreV1` (and the v2 score shape): value and string value by data type.
    static func score(_ score: Score) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(score.id), "traceId": string(score.traceID), "observationId": string(score.observationID),
            "sessionId": string(score.sessionID), "datasetRunId": string(score.datasetRunID), "name": .string(score.name),
            "source": .string(score.source.rawValue), "dataType": .string(score.dataType.rawValue),
            "timestamp": date(score.timestamp), "createdAt": date(score.createdAt), "updatedAt": date(score.updatedAt),
            "authorUserId": string(score.authorUserID), "comment": string(score.comment), "metadata": .object(score.metadata),
            "configId": string(score.configID), "queueId": string(score.queueID), "environment": .string(score.environment),
            "projectId": .string(score.projectID),
        ]
        object["value"] = number(score.value ?? (score.dataType == .numeric ? nil : 0))  // a number in every score shape
        if score.dataType != .numeric { object["stringValue"] = string(score.stringValue) }
        return .object(object)
    }

    /// `Session`.
    static func session(_ session: Session) -> [String: JSONValue] {
        ["id": .string(session.id), "createdAt": date(session.createdAt), "projectId": .string(session.projectID),
         "environment": .string(session.environment)]
    }

    /// `{data, meta: {page, limit, totalItems, totalPages}}`.
    static func page<Item>(_ page: Page<Item>, _ present: (Item) -> JSONValue, meta extra: [String: JSONValue] = [:]) -> JSONValue {
        .object([
            "data": .array(page.items.map(present)),
            "meta": .object([
                "page": .number(Double(page.request.page)), "limit": .number(Double(page.request.limit)),
                "totalItems": .number(Double(page.totalItems)), "totalPages": .number(Double(page.totalPages)),
            ].merging(extra) { _, new in new }),
        ])
    }
}
