import Foundation
import LanternPluginSDK

/// The `llm_connections` table: secrets arrive sealed by the kernel and are stored as given.
package enum LLMConnectionTable: ProjectScopedTable, WritableTable {
    package static let table = "llm_connections"
    package static let columns = ["project_id", "id", "provider", "adapter", "sealed_secret_key", "display_secret_key", "base_url",
                                  "custom_models", "with_default_models", "extra_header_keys", "sealed_extra_headers", "config",
                                  "created_at", "updated_at"]

    package static func values(_ connection: LLMConnection, json: JSONColumns) throws -> [SQLValue] {
        [.text(connection.projectID), .text(connection.id), .text(connection.provider), .text(connection.adapter),
         .text(connection.sealedSecretKey), .text(connection.displaySecretKey), .optional(connection.baseURL),
         try json.column(connection.customModels, field: "customModels"), .bool(connection.withDefaultModels),
         try json.column(connection.extraHeaderKeys, field: "extraHeaderKeys"), .optional(connection.sealedExtraHeaders),
         try json.optionalColumn(connection.config, field: "config"), .date(connection.createdAt), .date(connection.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> LLMConnection {
        let projectID = try row.text(), id = try row.text(), provider = try row.text(), adapter = try row.text()
        let secret = try row.text(), display = try row.text(), baseURL = row.optionalText()
        let customModels = try row.json([String].self, json)
        let withDefaults = try row.bool()
        let headerKeys = try row.json([String].self, json)
        let sealedHeaders = row.optionalText()
        let config = try row.optionalJSON(JSONValue.self, json)
        return LLMConnection(id: id, projectID: projectID, provider: provider, adapter: adapter, sealedSecretKey: secret,
                             displaySecretKey: display, baseURL: baseURL, customModels: customModels, withDefaultModels: withDefaults,
                             extraHeaderKeys: headerKeys, sealedExtraHeaders: sealedHeaders, config: config,
                             createdAt: try row.date(), updatedAt: try row.date())
    }
}

/// The `evaluators` table: one row per version; the family shares `id`.
package enum EvaluatorTable: TableMapping, WritableTable {
    package static let table = "evaluators"
    package static let columns = ["project_id", "id", "name", "version", "type", "definition", "created_at"]

    package static func values(_ version: EvaluatorVersion, json: JSONColumns) throws -> [SQLValue] {
        [.text(version.projectID), .text(version.id), .text(version.name), .int(version.version), .text(version.type),
         try json.column(version.definition, field: "definition"), .date(version.createdAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> EvaluatorVersion {
        let projectID = try row.text(), id = try row.text(), name = try row.text(), version = try row.int(), type = try row.text()
        return EvaluatorVersion(id: id, projectID: projectID, name: name, version: version, type: type,
                                definition: try row.json(JSONValue.self, json), createdAt: try row.date())
    }
}

/// The `evaluation_rules` table.
package enum EvaluationRuleTable: ProjectScopedTable, WritableTable {
    package static let table = "evaluation_rules"
    package static let columns = ["project_id", "id", "name", "enabled", "target", "sampling", "delay_seconds", "filter", "evaluators",
                                  "paused_reason", "paused_message", "consecutive_failures", "created_at", "updated_at"]

    package static func values(_ rule: EvaluationRule, json: JSONColumns) throws -> [SQLValue] {
        [.text(rule.projectID), .text(rule.id), .text(rule.name), .bool(rule.enabled), .text(rule.target),
         try finiteColumn(rule.sampling, field: "sampling"), try finiteColumn(rule.delaySeconds, field: "delay"),
         try json.column(rule.filter, field: "filter"), try json.column(rule.evaluators, field: "evaluators"),
         .optional(rule.pausedReason), .optional(rule.pausedMessage), .int(rule.consecutiveFailures),
         .date(rule.createdAt), .date(rule.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> EvaluationRule {
        let projectID = try row.text(), id = try row.text(), name = try row.text(), enabled = try row.bool(), target = try row.text()
        let sampling = try row.optionalDouble() ?? 1, delay = try row.optionalDouble() ?? 0
        let filter = try row.json(JSONValue.self, json), evaluators = try row.json(JSONValue.self, json)
        return EvaluationRule(id: id, projectID: projectID, name: name, enabled: enabled, target: target, sampling: sampling,
                              delaySeconds: delay, filter: filter, evaluators: evaluators, pausedReason: row.optionalText(),
                              pausedMessage: row.optionalText(), consecutiveFailures: try row.int(),
                              createdAt: try row.date(), updatedAt: try row.date())
    }
}

/// The `evaluation_executions` table: the job queue and the execution log in one.
package enum EvaluationExecutionTable: ProjectScopedTable, WritableTable {
    package static let table = "evaluation_executions"
    package static let columns = ["project_id", "id", "rule_id", "evaluator_id", "status", "trace_id", "observation_id",
                                  "dataset_item_id", "dataset_run_id", "reason", "attempts", "run_after", "lease_until",
                                  "started_at", "ended_at", "latency_ms", "score_id", "judge_trace_id", "evaluator_version",
                                  "created_at", "updated_at"]

    package static func values(_ execution: EvaluationExecution, json: JSONColumns) throws -> [SQLValue] {
        [.text(execution.projectID), .text(execution.id), .text(execution.ruleID), .text(execution.evaluatorID),
         .text(execution.status.rawValue), .text(execution.traceID), .optional(execution.observationID),
         .optional(execution.datasetItemID), .optional(execution.datasetRunID), .optional(execution.reason), .int(execution.attempts),
         .date(execution.runAfter), .optional(execution.leaseUntil), .optional(execution.startedAt), .optional(execution.endedAt),
         try finiteColumn(execution.latencyMs, field: "latencyMs"), .optional(execution.scoreID), .optional(execution.judgeTraceID),
         .optional(execution.evaluatorVersion), .date(execution.createdAt), .date(execution.updatedAt)]
    }

    package static func decode(_ row: inout ColumnReader, json: JSONColumns) throws -> EvaluationExecution {
        let projectID = try row.text(), id = try row.text(), ruleID = try row.text(), evaluatorID = try row.text()
        let status = EvaluationStatus(rawValue: try row.text()), traceID = try row.text()
        let observationID = row.optionalText(), itemID = row.optionalText(), runID = row.optionalText(), reason = row.optionalText()
        let attempts = try row.int(), runAfter = try row.date(), lease = try row.optionalDate()
        let started = try row.optionalDate(), ended = try row.optionalDate(), latency = try row.optionalDouble()
        let scoreID = row.optionalText(), judgeTraceID = row.optionalText(), version = try row.optionalInt()
        return EvaluationExecution(id: id, projectID: projectID, ruleID: ruleID, evaluatorID: evaluatorID, status: status, traceID: traceID,
                                   observationID: observationID, datasetItemID: itemID, datasetRunID: runID, reason: reason,
                                   attempts: attempts, runAfter: runAfter, leaseUntil: lease, startedAt: started, endedAt: ended,
                                   latencyMs: latency, scoreID: scoreID, judgeTraceID: judgeTraceID, evaluatorVersion: version,
                                   createdAt: try row.date(), updatedAt: try row.date())
    }
}
