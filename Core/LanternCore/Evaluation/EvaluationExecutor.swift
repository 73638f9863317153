import Foundation
import LanternPluginSDK
import Logging

/// Runs one claimed job: re-checks the rule (it may be paused, disabled or gone), applies the hourly cap and the
/// filter to the stored target, runs the evaluator's latest version, writes the scores (and the judge's own trace)
/// through the ingestion pipeline, and records the outcome. Never throws: every failure ends in the log.
struct EvaluationExecutor: Sendable {
    let runtime: LanternRuntime
    let store: any EvaluationStore
    private let logger = Logger(label: "lantern.evaluation")

    init(runtime: LanternRuntime, store: any EvaluationStore) {
        self.runtime = runtime
        self.store = store
    }

    private var settings: EvaluationSettings { runtime.config.evaluation }

    /// How a job ended this time.
    enum Outcome {
        case completed(scoreID: String?, judgeTraceID: String?, version: Int?)
        case skipped(EvaluationStatus, String)
        /// Try again at `after` seconds from now; `counts` when the attempt was a real failure (not "not ready yet").
        case retry(after: Double, reason: String, judgeTraceID: String?)
        case failed(String, judgeTraceID: String?, pause: (reason: String, message: String)?)
    }

    func run(_ claimed: EvaluationExecution) async {
        var job = claimed
        let started = Date()
        let outcome: Outcome
        do {
            outcome = try await attempt(&job)
        } catch {
            outcome = job.attempts < settings.maxAttempts
                ? .retry(after: backoff(job.attempts), reason: "storage: \(error)", judgeTraceID: nil)
                : .failed("storage: \(error)", judgeTraceID: nil, pause: nil)
        }
        let now = Date()
        job.leaseUntil = nil
        job.updatedAt = now
        job.latencyMs = (now.timeIntervalSince(started) * 1000).rounded()
        switch outcome {
        case .completed(let scoreID, let judgeTraceID, let version):
            job.status = .completed
            job.reason = nil
            job.scoreID = scoreID
            job.judgeTraceID = judgeTraceID ?? job.judgeTraceID
            job.evaluatorVersion = version ?? job.evaluatorVersion
            job.endedAt = now
        case .skipped(let status, let reason):
            job.status = status
            job.reason = reason
            job.endedAt = now
        case .retry(let after, let reason, let judgeTraceID):
            job.status = .delayed
            job.reason = reason
            job.judgeTraceID = judgeTraceID ?? job.judgeTraceID
            job.runAfter = now.addingTimeInterval(after)
        case .failed(let reason, let judgeTraceID, _):
            job.status = .error
            job.reason = reason
            job.judgeTraceID = judgeTraceID ?? job.judgeTraceID
            job.endedAt = now
        }
        do { try await store.updateExecution(job) } catch {
            logger.warning("evaluation outcome not stored; the job runs again after its lease", metadata: ["execution": "\(job.id)", "error": "\(error)"])
        }
        await account(outcome, job: job)
    }

    /// One attempt; `job` learns its trace id, evaluator version and judge trace as they become known.
    private func attempt(_ job: inout EvaluationExecution) async throws -> Outcome {
        guard let rule = try await store.evaluationRule(projectID: job.projectID, id: job.ruleID) else { return .skipped(.paused, "the rule was deleted") }
        guard rule.enabled else { return .skipped(.paused, "the rule is disabled") }
        if let reason = rule.pausedReason { return .skipped(.paused, "rule paused (\(reason)): \(rule.pausedMessage ?? "")") }
        guard let assignment = RuleAssignment.stored(rule).first(where: { $0.evaluatorID == job.evaluatorID }) else {
            return .skipped(.paused, "the evaluator is no longer assigned to the rule")
        }
        let cap = settings.maxExecutionsPerRulePerHour
        if try await store.startedExecutionCount(projectID: job.projectID, ruleID: rule.id, since: Date().addingTimeInterval(-3600)) >= cap {
            return .skipped(.skippedCap, "the rule started \(cap) executions in the last hour (evaluation.maxExecutionsPerRulePerHour)")
        }
        guard let subject = try await subject(for: job, rule: rule) else {
            let what = job.observationID.map { "observation \($0)" } ?? "trace \(job.traceID)"
            return job.attempts < settings.maxAttempts
                ? .retry(after: backoff(job.attempts), reason: "\(what) is not stored yet", judgeTraceID: nil)
                : .failed("\(what) was not found", judgeTraceID: nil, pause: nil)
        }
        job.traceID = subject.trace.id
        if EvaluationSampling.isInternal(environment: subject.observation?.environment ?? subject.trace.environment) {
            return .skipped(.skippedFilter, "environment \(subject.observation?.environment ?? subject.trace.environment) is the evaluation runtime's own (loop guard)")
        }
        if let mismatch = RuleFilter.stored(rule.filter).mismatch(subject) { return .skipped(.skippedFilter, mismatch) }
        let catalog = EvaluatorCatalog(store: store, templates: runtime.judge?.templates ?? [], plugins: runtime.pluginEvaluators)
        guard let evaluator = try await catalog.find(projectID: job.projectID, id: assignment.evaluatorID, type: assignment.type) else {
            return .skipped(.paused, "the evaluator \(assignment.name) was deleted")
        }
        switch evaluator {
        case .plugin(let id, let plugin):
            return try await runPlugin(id: id, plugin, job: job, subject: subject)
        case .judge(let judge):
            job.evaluatorVersion = judge.version
            return try await JudgeRun(executor: self, job: job, rule: rule, judge: judge,
                                      mapping: assignment.mapping ?? judge.definition.mapping ?? [], subject: subject).run()
        }
    }

    /// The target as stored: nil while it has not arrived (observation spans may follow their run item).
    private func subject(for job: EvaluationExecution, rule: EvaluationRule) async throws -> EvaluationSubject? {
        guard let storage = runtime.storage else { return nil }
        var observation: Observation?
        if let id = job.observationID {
            guard let found = try await storage.observation(projectID: job.projectID, id: id) else { return nil }
            observation = found
        }
        guard let trace = try await storage.trace(projectID: job.projectID, id: observation?.traceID ?? job.traceID)?.trace else { return nil }
        var subject = EvaluationSubject(trace: trace, observation: observation)
        if let itemID = job.datasetItemID { subject.datasetItem = try await storage.datasetItem(projectID: job.projectID, id: itemID) }
        if rule.target == "experiment", observation == nil, trace.output == nil {
            // The experiment's output lives on its root span until the trace takes it; judge the root span then.
            let spans = try await storage.observations(projectID: job.projectID, traceIDs: [trace.id])
            subject.observation = spans.first { $0.parentObservationID == nil }
            if subject.observation?.output == nil { return nil }
        }
        return subject
    }

    private func runPlugin(id: String, _ plugin: any Evaluator, job: EvaluationExecution, subject: EvaluationSubject) async throws -> Outcome {
        let observations = try await runtime.storage?.observations(projectID: job.projectID, traceIDs: [subject.trace.id]) ?? []
        let context = EvaluationContext(trace: subject.trace, observations: observations, observation: subject.observation, datasetItem: subject.datasetItem)
        let drafts: [ScoreDraft]
        do {
            drafts = try await withDeadline(seconds: Double(settings.timeoutSeconds)) { try await plugin.evaluate(context) }
        } catch {
            return .failed("evaluator plugin \(id) failed: \(error)", judgeTraceID: nil, pause: nil)
        }
        var scores: [Score] = []
        for (index, draft) in drafts.enumerated() {
            guard plugin.scores.contains(ScoreSpec(name: draft.name, dataType: draft.dataType)) else {
                return .failed("evaluator plugin \(id) returned score '\(draft.name)' (\(draft.dataType)) that it does not declare in `scores`",
                               judgeTraceID: nil, pause: nil)
            }
            var score = makeScore(job: job, subject: subject, name: draft.name, dataType: draft.dataType, value: draft.value,
                                  stringValue: draft.stringValue, comment: draft.comment, index: index, metadata: [:])
            score.observationID = draft.observationID ?? score.observationID
            scores.append(score)
        }
        try await write(scores.map { IngestionEvent(id: $0.id, timestamp: Date(), payload: .score($0)) }, projectID: job.projectID)
        return .completed(scoreID: scores.first?.id, judgeTraceID: nil, version: nil)
    }

    /// A score of the job's target, its id derived from the execution so a re-run replaces it.
    func makeScore(job: EvaluationExecution, subject: EvaluationSubject, name: String, dataType: ScoreDataType, value: Double?,
                   stringValue: String?, comment: String?, index: Int, metadata: [String: JSONValue]) -> Score {
        let now = Date()
        var score = Score(id: EvaluationSampling.id(["eval-score", job.id, name, String(index)]), projectID: job.projectID, name: name,
                          dataType: dataType, value: value, stringValue: stringValue, source: .eval, timestamp: now,
                          environment: subject.observation?.environment ?? subject.trace.environment, createdAt: now)
        score.traceID = subject.trace.id
        score.observationID = job.observationID ?? (job.datasetItemID == nil ? nil : subject.observation?.id)
        score.comment = comment
        var fields = metadata
        fields["execution_id"] = .string(job.id)
        fields["evaluation_rule_id"] = .string(job.ruleID)
        fields["evaluator_id"] = .string(job.evaluatorID)
        if let item = job.datasetItemID { fields["target_dataset_item_id"] = .string(item) }
        score.metadata = fields
        return score
    }

    /// Writes events through the ingestion pipeline; a refused event is an error.
    func write(_ events: [IngestionEvent], projectID: String) async throws {
        let outcomes = try await runtime.pipeline.accept(events, projectID: projectID)
        if let refused = outcomes.first(where: { !$0.isSuccess }) {
            throw StorageError.invalid("event \(refused.eventID) refused: \(refused.error ?? "status \(refused.status)")")
        }
    }

    /// The wait before retry `attempt + 1`: the base doubled per attempt, at most an hour.
    func backoff(_ attempt: Int) -> Double {
        min(3600, Double(settings.retryBaseSeconds) * pow(2, Double(max(0, attempt - 1))))
    }

    /// Counts failures in a row per rule and pauses the rule when a failure says so or the count reaches the limit;
    /// a success resets the count.
    private func account(_ outcome: Outcome, job: EvaluationExecution) async {
        let failure: (reason: String, pause: (reason: String, message: String)?)?
        switch outcome {
        case .completed: failure = nil
        case .failed(let reason, _, let pause): failure = (reason, pause)
        default: return
        }
        guard var rule = try? await store.evaluationRule(projectID: job.projectID, id: job.ruleID), rule.enabled, rule.pausedReason == nil else { return }
        let before = rule
        if let failure {
            rule.consecutiveFailures += 1
            if let pause = failure.pause {
                rule.pausedReason = pause.reason
                rule.pausedMessage = pause.message
            } else if rule.consecutiveFailures >= settings.pauseAfterFailures {
                rule.pausedReason = "CONSECUTIVE_FAILURES"
                rule.pausedMessage = "\(rule.consecutiveFailures) executions failed in a row; the last: \(failure.reason)"
            }
        } else {
            guard rule.consecutiveFailures > 0 else { return }
            rule.consecutiveFailures = 0
        }
        rule.updatedAt = Date()
        do { try await store.saveEvaluationRule(rule) } catch { return }
        if rule.pausedReason != nil {
            logger.warning("evaluation rule paused", metadata: ["rule": "\(rule.id)", "reason": "\(rule.pausedReason ?? "")", "message": "\(rule.pausedMessage ?? "")"])
            runtime.services.audit.record(.system(projectID: job.projectID, purpose: "evaluation"), "evaluationRule", rule.id, "paused",
                                          before: EvaluationPresenters.rule(before), after: EvaluationPresenters.rule(rule))
            runtime.evaluations.rulesChanged(projectID: job.projectID)
        }
    }
}
