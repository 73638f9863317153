import Foundation
import LanternPluginSDK

/// Turns a committed batch into one execution per (rule, evaluator, target): pending when sampled in, else logged
/// as `skipped_sampling`, or `paused` when the rule is paused. Filters need the stored target, so jobs apply them.
struct EvaluationCandidates {
    let settleSeconds: Double

    func executions(for batch: CommittedBatch, rules: [EvaluationRule], now: Date) -> [EvaluationExecution] {
        executions(for: batch.events.flatMap { Self.targets(of: $0.payload) }, projectID: batch.projectID, rules: rules, now: now)
    }

    func executions(for targets: [Target], projectID: String, rules: [EvaluationRule], now: Date) -> [EvaluationExecution] {
        var executions: [EvaluationExecution] = []
        var seen = Set<String>()
        let assigned = rules.map { (rule: $0, assignments: RuleAssignment.stored($0)) }
        for target in targets {
            for (rule, assignments) in assigned where rule.target == target.kind {
                for assignment in assignments {
                    let id = EvaluationSampling.id(["\(target.kind)-eval", rule.id, assignment.evaluatorID, target.key])
                    guard seen.insert(id).inserted else { continue }
                    executions.append(execution(id, rule: rule, assignment: assignment, target: target, projectID: projectID, now: now))
                }
            }
        }
        return executions
    }

    private func execution(_ id: String, rule: EvaluationRule, assignment: RuleAssignment, target: Target, projectID: String, now: Date) -> EvaluationExecution {
        var execution = EvaluationExecution(id: id, projectID: projectID, ruleID: rule.id, evaluatorID: assignment.evaluatorID, status: .pending,
                                            traceID: target.traceID, observationID: target.observationID, datasetItemID: target.datasetItemID,
                                            datasetRunID: target.datasetRunID, runAfter: now.addingTimeInterval(rule.delaySeconds + settleSeconds),
                                            createdAt: now, updatedAt: now)
        if let reason = rule.pausedReason {
            execution.status = .paused
            execution.reason = "rule paused (\(reason)): \(rule.pausedMessage ?? "")"
            execution.endedAt = now
        } else {
            let draw = EvaluationSampling.draw(target.key)
            if draw >= rule.sampling {
                execution.status = .skippedSampling
                execution.reason = "sampled out: draw \((draw * 1000).rounded() / 1000) ≥ sampling \(rule.sampling)"
                execution.endedAt = now
            }
        }
        return execution
    }

    /// What an event offers to rules: its kind (the rule target), the id sampling and de-duplication key on, and
    /// the ids of the execution.
    struct Target: Sendable {
        var kind: String
        var key: String
        var traceID: String
        var observationID: String?
        var datasetItemID: String?
        var datasetRunID: String?
    }

    static func targets(of payload: IngestionEvent.Payload) -> [Target] {
        switch payload {
        case .observation(let update) where !EvaluationSampling.isInternal(environment: update.environment):
            return [Target(kind: "observation", key: update.id, traceID: update.traceID ?? "", observationID: update.id)]
        case .trace(let update) where !EvaluationSampling.isInternal(environment: update.environment):
            return [Target(kind: "trace", key: update.id, traceID: update.id)]
        case .datasetRunItem(let item):
            return [Target(kind: "experiment", key: item.id, traceID: item.traceID, observationID: item.observationID,
                           datasetItemID: item.datasetItemID, datasetRunID: item.runID)]
        default:
            return []
        }
    }
}
