import Foundation
import LanternPluginSDK

/// Validates a Langfuse score body (ingestion `score-create` and `POST /api/public/scores`) into a ``Score``.
///
/// Rules: `name` and `value` are required; exactly one target: `traceId` (optionally with `observationId`),
/// `sessionId` or `datasetRunId`; the data type is inferred from the value when absent (number: NUMERIC,
/// string: CATEGORICAL); NUMERIC needs a number, BOOLEAN needs 0 or 1, CATEGORICAL/TEXT/CORRECTION a string
/// (a CATEGORICAL number is kept as its value with the number as label; a CATEGORICAL label's value is 0 until a
/// config maps it); TEXT is 1–500 characters; CORRECTION has no config and targets a trace; `source` is one of
/// `sources` (ANNOTATION needs a `configId` unless CORRECTION).
struct ScoreDecoder {
    let projectID: String
    let now: Date
    /// The sources a client may send: `POST /api/public/scores` takes API and ANNOTATION, ingestion EVAL too.
    var sources: [ScoreSource] = [.api, .annotation, .eval]

    func decode(_ reader: inout BodyReader, eventTimestamp: Date, source: ScoreSource = .api) -> Result<Score, ValidationFailure> {
        let id = reader.string("id") ?? Identifiers.random()
        let name = reader.string("name")
        let traceID = reader.string("traceId")
        let observationID = reader.string("observationId")
        let sessionID = reader.string("sessionId")
        let datasetRunID = reader.string("datasetRunId")
        let comment = reader.string("comment")
        let configID = reader.string("configId")
        let queueID = reader.string("queueId")
        let timestamp = reader.date("timestamp") ?? eventTimestamp
        let environment = EnvironmentName.normalize(reader.string("environment"))
        let declaredType = reader.string("dataType").map { ScoreDataType(rawValue: $0.uppercased()) }
        let rawSource = reader.string("source").map { ScoreSource(rawValue: $0.uppercased()) }
        if let problem = reader.problem { return .failure(ValidationFailure(problem)) }
        guard let name, !name.isEmpty else { return .failure(ValidationFailure("body.name: is required")) }
        let targets = [traceID, sessionID, datasetRunID].compactMap { $0 }
        guard targets.count == 1 else {
            return .failure(ValidationFailure("body: a score needs exactly one target: traceId (optionally with observationId), sessionId or datasetRunId"))
        }
        if observationID != nil && traceID == nil { return .failure(ValidationFailure("body.observationId: needs traceId")) }
        if let declaredType, !ScoreDataType.all.contains(declaredType) {
            return .failure(ValidationFailure("body.dataType: expected one of \(ScoreDataType.all.map(\.rawValue).joined(separator: ", "))"))
        }
        if let rawSource, !sources.contains(rawSource) {
            return .failure(ValidationFailure("body.source: expected one of \(sources.map(\.rawValue).joined(separator: ", ")) (got \(rawSource.rawValue))"))
        }
        let value: (Double?, String?, ScoreDataType)
        switch typedValue(reader.any("value"), declared: declaredType) {
        case .success(let typed): value = typed
        case .failure(let failure): return .failure(failure)
        }
        if let problem = Self.problem(type: value.2, text: value.1, source: rawSource ?? source, configID: configID,
                                      sessionID: sessionID, datasetRunID: datasetRunID) {
            return .failure(ValidationFailure(problem))
        }
        var score = Score(id: id, projectID: projectID, name: name, dataType: value.2, value: value.0, stringValue: value.1,
                          source: rawSource ?? source, timestamp: timestamp, environment: environment, createdAt: now)
        score.traceID = traceID
        score.observationID = observationID
        score.sessionID = sessionID
        score.datasetRunID = datasetRunID
        score.comment = comment
        score.configID = configID
        score.queueID = queueID
        score.metadata = reader.metadata() ?? [:]
        return .success(score)
    }

    /// The rule a typed score breaks, or nil.
    private static func problem(type: ScoreDataType, text: String?, source: ScoreSource, configID: String?, sessionID: String?,
                                datasetRunID: String?) -> String? {
        if type == .text, let text, text.isEmpty || text.count > 500 {
            return "body.value: a TEXT score is 1 to 500 characters (got \(text.count))"
        }
        if type == .correction {
            if configID != nil { return "body.configId: a CORRECTION score has no config" }
            if sessionID != nil || datasetRunID != nil { return "body: a CORRECTION score targets a trace (or an observation), not a session or dataset run" }
        } else if source == .annotation, configID == nil {
            return "body.configId: an ANNOTATION score needs a configId"
        }
        return nil
    }

    private func typedValue(_ raw: JSONValue?, declared: ScoreDataType?) -> Result<(Double?, String?, ScoreDataType), ValidationFailure> {
        switch (raw, declared) {
        case (nil, _):
            return .failure(ValidationFailure("body.value: is required"))
        case (.number(let n)?, nil), (.number(let n)?, .numeric?):
            return .success((n, nil, .numeric))
        case (.number(let n)?, .boolean?):
            guard n == 0 || n == 1 else { return .failure(ValidationFailure("body.value: a BOOLEAN score must be 0 or 1 (got \(n))")) }
            return .success((n, n == 1 ? "True" : "False", .boolean))
        case (.number(let n)?, .categorical?):
            return .success((n, n.rounded() == n && abs(n) < 9e15 ? String(Int64(n)) : String(n), .categorical))
        case (.string(let s)?, nil), (.string(let s)?, .categorical?):
            return .success((0, s, .categorical))
        case (.string(let s)?, let type?) where type == .text || type == .correction:
            return .success((nil, s, type))
        case (_, let type?):
            return .failure(ValidationFailure("body.value: does not fit data type \(type.rawValue) (got \(raw?.jsonText ?? "nothing"))"))
        case (_, nil):
            return .failure(ValidationFailure("body.value: expected a number or a string"))
        }
    }
}
