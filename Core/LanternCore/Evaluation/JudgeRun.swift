import Foundation
import LanternPluginSDK

/// One `llm_as_judge` attempt: resolve the model and connection, fill the prompt, call the judge plugin, write its
/// trace and the scores, and classify a failure (retry, error, or pause the rule).
struct JudgeRun {
    let executor: EvaluationExecutor
    let job: EvaluationExecution
    let rule: EvaluationRule
    let judge: JudgeEvaluator
    let mapping: [VariableMapping]
    let subject: EvaluationSubject

    private var runtime: LanternRuntime { executor.runtime }
    private var settings: EvaluationSettings { runtime.config.evaluation }

    func run() async throws -> EvaluationExecutor.Outcome {
        guard let runner = runtime.judge else {
            return .failed("no judge plugin is loaded", judgeTraceID: nil, pause: ("JUDGE_PLUGIN_MISSING", "No judge plugin is loaded on the server"))
        }
        guard let provider = judge.definition.model?.provider ?? settings.defaultModel?.provider,
              let model = judge.definition.model?.model ?? settings.defaultModel?.model else {
            return .failed("the evaluator has no modelConfig and the server no evaluation.defaultModel", judgeTraceID: nil,
                           pause: ("DEFAULT_EVAL_MODEL_MISSING", "Evaluator '\(judge.name)' has no model: give it a modelConfig"))
        }
        guard let stored = try await executor.store.llmConnection(projectID: job.projectID, provider: provider) else {
            return .failed("the project has no LLM connection '\(provider)'", judgeTraceID: nil,
                           pause: ("LLM_CONNECTION_MISSING", "The LLM connection '\(provider)' does not exist"))
        }
        let connection: JudgeConnection
        do { connection = try runtime.services.llmConnections.open(stored) } catch {
            return .failed("\(error)", judgeTraceID: nil, pause: ("LLM_CONNECTION_FAILING", "The LLM connection '\(provider)' cannot be opened: \(error)"))
        }
        let prompt = PromptCompiler.compile(judge.definition.prompt, values: PromptCompiler.values(mapping, subject: subject))
        let traceID = JudgeTraceWriter.traceID(execution: job.id)
        let request = JudgeRequest(prompt: prompt, model: model, parameters: judge.definition.parameters, output: judge.definition.output,
                                   connection: connection, timeoutSeconds: Double(settings.timeoutSeconds))
        do {
            // Two provider calls at most (the repair retry), each with its own deadline.
            let result = try await withDeadline(seconds: Double(settings.timeoutSeconds) * 2 + 5) { try await runner.judge(request) }
            let scores = scores(for: result.verdict, traceID: traceID)
            let trace = JudgeTraceWriter.events(traceID: traceID, evaluatorName: judge.name, prompt: prompt, calls: result.calls, verdict: result.verdict,
                                                error: nil, metadata: metadata(), attempt: job.attempts, now: Date())
            try await executor.write(trace + scores.map { IngestionEvent(id: $0.id, timestamp: Date(), payload: .score($0)) }, projectID: job.projectID)
            return .completed(scoreID: scores.first?.id, judgeTraceID: traceID, version: judge.version)
        } catch let failure as JudgeFailure {
            let trace = JudgeTraceWriter.events(traceID: traceID, evaluatorName: judge.name, prompt: prompt, calls: failure.calls, verdict: nil,
                                                error: failure.description, metadata: metadata(), attempt: job.attempts, now: Date())
            try? await executor.write(trace, projectID: job.projectID)
            return classify(failure, provider: provider, traceID: traceID)
        } catch is DeadlineExceeded {
            return retryOrFail("the judge gave no answer within \(settings.timeoutSeconds * 2 + 5) s", retryAfter: nil, traceID: nil)
        }
    }

    private func classify(_ failure: JudgeFailure, provider: String, traceID: String) -> EvaluationExecutor.Outcome {
        switch failure.kind {
        case .retryable(let after):
            return retryOrFail(failure.description, retryAfter: after, traceID: traceID)
        case .connection:
            return .failed(failure.description, judgeTraceID: traceID,
                           pause: ("LLM_CONNECTION_FAILING", "The LLM connection '\(provider)' failed: \(failure.description)"))
        case .invalidOutput, .unsupported:
            return .failed(failure.description, judgeTraceID: traceID, pause: nil)
        }
    }

    private func retryOrFail(_ reason: String, retryAfter: Double?, traceID: String?) -> EvaluationExecutor.Outcome {
        guard job.attempts < settings.maxAttempts else {
            return .failed("gave up after \(job.attempts) attempts: \(reason)", judgeTraceID: traceID, pause: nil)
        }
        return .retry(after: max(retryAfter ?? 0, executor.backoff(job.attempts)), reason: "attempt \(job.attempts) failed: \(reason)", judgeTraceID: traceID)
    }

    /// Langfuse's score rules: the evaluator's name, the reasoning as comment, BOOLEAN as 1/0, one score per category.
    private func scores(for verdict: JudgeVerdict, traceID: String) -> [Score] {
        let fields: [String: JSONValue] = ["judge_trace_id": .string(traceID), "evaluator_version": .number(Double(judge.version))]
        func score(_ type: ScoreDataType, _ value: Double?, _ text: String?, _ index: Int) -> Score {
            executor.makeScore(job: job, subject: subject, name: judge.name, dataType: type, value: value, stringValue: text,
                               comment: verdict.reasoning, index: index, metadata: fields)
        }
        switch verdict.value {
        case .number(let number): return [score(.numeric, number, nil, 0)]
        case .boolean(let flag): return [score(.boolean, flag ? 1 : 0, flag ? "True" : "False", 0)]
        case .categories(let names):
            return names.enumerated().map { index, name in
                score(.categorical, judge.definition.output.categories.firstIndex(of: name).map(Double.init), name, index)
            }
        }
    }

    /// The judge trace's links back to what it judged.
    private func metadata() -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["job_execution_id": .string(job.id), "evaluation_rule_id": .string(rule.id),
                                           "evaluator_id": .string(judge.id), "evaluator_version": .number(Double(judge.version)),
                                           "target_trace_id": .string(subject.trace.id)]
        if let id = subject.observation?.id { fields["target_observation_id"] = .string(id) }
        if let id = job.datasetItemID { fields["target_dataset_item_id"] = .string(id) }
        return fields
    }
}
