import Foundation
import LanternPluginSDK

/// The judge's own trace: one trace per execution (its id derived from the execution's, so it is known before the
/// call and shared by retries) with one generation per provider call, so users see what the judge saw, answered and
/// cost. Written in the `lantern-evaluation` environment, which rules never evaluate.
enum JudgeTraceWriter {
    static let environment = "lantern-evaluation"

    /// The judge trace id of an execution.
    static func traceID(execution id: String) -> String { EvaluationSampling.id(["judge-trace", id]) }

    /// The events writing the trace and its calls; `attempt` keeps the generations of retries apart.
    static func events(traceID: String, evaluatorName: String, prompt: String, calls: [JudgeCall], verdict: JudgeVerdict?, error: String?,
                       metadata: [String: JSONValue], attempt: Int, now: Date) -> [IngestionEvent] {
        var trace = TraceUpdate(id: traceID)
        trace.timestamp = calls.first?.startTime ?? now
        trace.name = "Execute evaluator: \(evaluatorName)"
        trace.input = .string(prompt)
        trace.output = verdict.map(present) ?? error.map { ["error": .string($0)] }
        trace.metadata = metadata
        trace.environment = environment
        var events = [IngestionEvent(id: EvaluationSampling.id([traceID, "trace", String(attempt)]), timestamp: now, payload: .trace(trace))]
        for (index, call) in calls.enumerated() {
            let id = EvaluationSampling.id([traceID, "call", String(attempt), String(index)])
            var generation = ObservationUpdate(id: id, type: .generation)
            generation.traceID = traceID
            generation.name = index == 0 ? "judge" : "judge (repair)"
            generation.startTime = call.startTime
            generation.endTime = call.endTime
            generation.model = call.model
            generation.input = call.input
            generation.output = call.output
            generation.environment = environment
            var usage: [String: Double] = [:]
            if let input = call.inputTokens { usage["input"] = Double(input) }
            if let output = call.outputTokens { usage["output"] = Double(output) }
            if !usage.isEmpty { generation.usageDetails = usage }
            if let failure = call.error {
                generation.level = .error
                generation.statusMessage = failure
            }
            events.append(IngestionEvent(id: id, timestamp: now, payload: .observation(generation)))
        }
        return events
    }

    /// A verdict as the trace's output.
    static func present(_ verdict: JudgeVerdict) -> JSONValue {
        let score: JSONValue = switch verdict.value {
        case .number(let number): .number(number)
        case .boolean(let flag): .bool(flag)
        case .categories(let names): .array(names.map(JSONValue.string))
        }
        return ["score": score, "reasoning": .string(verdict.reasoning)]
    }
}
