import Foundation
import LanternPluginSDK

/// The public shapes of LLM connections, evaluators, evaluation rules and executions.
enum EvaluationPresenters {
    /// `LlmConnection`: never a secret, only its last four characters and the extra headers' names.
    static func connection(_ connection: LLMConnection) -> JSONValue {
        ["id": .string(connection.id), "provider": .string(connection.provider), "adapter": .string(connection.adapter),
         "displaySecretKey": .string(connection.displaySecretKey), "baseURL": Presenters.string(connection.baseURL),
         "customModels": .array(connection.customModels.map(JSONValue.string)), "withDefaultModels": .bool(connection.withDefaultModels),
         "extraHeaderKeys": .array(connection.extraHeaderKeys.map(JSONValue.string)), "config": connection.config ?? .null,
         "createdAt": Presenters.date(connection.createdAt), "updatedAt": Presenters.date(connection.updatedAt)]
    }

    /// `unstableEvaluator`; plugin evaluators (type `plugin`) are Lantern's, with the scores they declare.
    static func evaluator(_ evaluator: ResolvedEvaluator, ruleCount: Int) -> JSONValue {
        switch evaluator {
        case .judge(let judge):
            let created = Presenters.date(judge.createdAt)
            return ["id": .string(judge.id), "name": .string(judge.name), "version": .number(Double(judge.version)), "type": "llm_as_judge",
                    "variables": .array(judge.definition.variables.map(JSONValue.string)),
                    "mapping": judge.definition.mapping.map { .array($0.map(\.json)) } ?? .null,
                    "evaluationRuleCount": .number(Double(ruleCount)), "prompt": .string(judge.definition.prompt),
                    "outputDefinition": JudgeDefinition.present(judge.definition.output), "modelConfig": judge.definition.model?.json ?? .null,
                    "source": judge.builtIn ? "managed" : "project", "createdAt": created, "updatedAt": created]
        case .plugin(let id, let plugin):
            return ["id": .string(id), "name": .string(id), "version": 1, "type": "plugin", "variables": [], "mapping": .null,
                    "evaluationRuleCount": .number(Double(ruleCount)), "source": "plugin",
                    "scores": .array(plugin.scores.map { ["name": .string($0.name), "dataType": .string($0.dataType.rawValue)] }),
                    "createdAt": .null, "updatedAt": .null]
        }
    }

    /// `unstableEvaluationRule`, with Lantern's `delay` (milliseconds).
    static func rule(_ rule: EvaluationRule) -> JSONValue {
        let assignments = RuleAssignment.stored(rule)
        let reads: [JSONValue] = assignments.map { assignment in
            ["evaluator": ["id": .string(assignment.evaluatorID), "name": .string(assignment.name), "type": .string(assignment.type)],
             "mapping": assignment.mapping.map { .array($0.map(\.json)) } ?? .null]
        }
        return ["id": .string(rule.id), "name": .string(rule.name), "evaluator": reads.first?.objectValue?["evaluator"] ?? .null,
                "evaluators": .array(reads), "target": .string(rule.target), "enabled": .bool(rule.enabled),
                "status": .string(rule.effectiveStatus), "pausedReason": Presenters.string(rule.pausedReason),
                "pausedMessage": Presenters.string(rule.pausedMessage), "sampling": .number(rule.sampling),
                "delay": .number((rule.delaySeconds * 1000).rounded()), "filter": rule.filter,
                "mapping": .array(assignments.first?.mapping?.map(\.json) ?? []),
                "createdAt": Presenters.date(rule.createdAt), "updatedAt": Presenters.date(rule.updatedAt)]
    }

    /// One execution-log entry (Lantern's `GET /api/public/evaluation-executions`).
    static func execution(_ execution: EvaluationExecution) -> JSONValue {
        ["id": .string(execution.id), "ruleId": .string(execution.ruleID), "evaluatorId": .string(execution.evaluatorID),
         "evaluatorVersion": execution.evaluatorVersion.map { .number(Double($0)) } ?? .null, "status": .string(execution.status.rawValue),
         "reason": Presenters.string(execution.reason), "traceId": .string(execution.traceID),
         "observationId": Presenters.string(execution.observationID), "datasetItemId": Presenters.string(execution.datasetItemID),
         "datasetRunId": Presenters.string(execution.datasetRunID), "attempts": .number(Double(execution.attempts)),
         "runAfter": Presenters.date(execution.runAfter), "startedAt": Presenters.date(execution.startedAt),
         "endedAt": Presenters.date(execution.endedAt), "latencyMs": execution.latencyMs.map(JSONValue.number) ?? .null,
         "scoreId": Presenters.string(execution.scoreID), "judgeTraceId": Presenters.string(execution.judgeTraceID),
         "createdAt": Presenters.date(execution.createdAt), "updatedAt": Presenters.date(execution.updatedAt)]
    }
}
