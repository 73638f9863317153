import Foundation
import LanternPluginSDK

/// EvaluationStore: connections upserted by provider, evaluator versions, rules with unique names, and the job
/// queue: insert-if-absent, claims that hand each due job to one caller, leases that expire, and the log's filters.
enum EvaluationCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("evaluations: connections by provider, evaluator versions, rules with unique names", needs: .evaluations) { c in
            let store = try c.require(c.storage as? any EvaluationStore, "the storage conforms to EvaluationStore")
            let connection = LLMConnection(id: "conn-1", projectID: c.projectID, provider: "openai", adapter: "openai", sealedSecretKey: "v1:sealed",
                                           displaySecretKey: "...abcd", customModels: ["m"], extraHeaderKeys: ["X-A"], sealedExtraHeaders: "v1:h",
                                           config: ["useResponsesApi": false], createdAt: c.at(1), updatedAt: c.at(1))
            c.expectEqual(try await store.saveLLMConnection(connection), connection, "saved connection")
            var replacement = connection
            replacement.id = "conn-2"
            replacement.sealedSecretKey = "v1:other"
            replacement.createdAt = c.at(5)
            replacement.updatedAt = c.at(5)
            let replaced = try await store.saveLLMConnection(replacement)
            c.expectEqual(replaced.id, "conn-1", "a provider's connection keeps its id")
            c.expectEqual(replaced.createdAt, c.at(1), "and its createdAt")
            c.expectEqual(try await store.llmConnection(projectID: c.projectID, provider: "openai")?.sealedSecretKey, "v1:other", "replaced secret")
            c.expectEqual(try await store.llmConnection(projectID: c.projectID, id: "conn-1")?.provider, "openai", "read by id")
            c.expectEqual(try await store.llmConnections(projectID: c.projectID, page: PageRequest()).totalItems, 1, "one connection per provider")
            c.expect(try await store.llmConnection(projectID: c.otherProjectID, provider: "openai") == nil, "another project does not see it")
            c.expect(try await store.anyLLMConnection() != nil, "anyLLMConnection finds one")

            let definition: JSONValue = ["prompt": "judge {{x}}"]
            for version in 1...2 {
                try await store.saveEvaluatorVersion(EvaluatorVersion(id: "ev-1", projectID: c.projectID, name: "judge", version: version,
                                                                      type: "llm_as_judge", definition: definition, createdAt: c.at(Double(version))))
            }
            try await store.saveEvaluatorVersion(EvaluatorVersion(id: "ev-2", projectID: c.projectID, name: "another", version: 1,
                                                                  type: "llm_as_judge", definition: definition, createdAt: c.at(3)))
            await c.expectConflict("a version saved twice") {
                try await store.saveEvaluatorVersion(EvaluatorVersion(id: "ev-1", projectID: c.projectID, name: "judge", version: 2,
                                                                      type: "llm_as_judge", definition: definition, createdAt: c.at(4)))
            }
            c.expectEqual(try await store.latestEvaluator(projectID: c.projectID, id: "ev-1")?.version, 2, "latest by id")
            c.expectEqual(try await store.latestEvaluator(projectID: c.projectID, name: "judge")?.version, 2, "latest by name")
            let latest = try await store.latestEvaluators(projectID: c.projectID, page: PageRequest())
            c.expectEqual(latest.items.map { "\($0.name)@\($0.version)" }, ["another@1", "judge@2"], "latest versions by name")
            c.expectEqual(latest.totalItems, 2, "one entry per evaluator")
            c.expect(try await store.deleteEvaluator(projectID: c.projectID, id: "ev-1"), "delete every version")
            c.expect(try await store.latestEvaluator(projectID: c.projectID, id: "ev-1") == nil, "deleted")

            let rule = EvaluationRule(id: "rule-1", projectID: c.projectID, name: "live", enabled: true, target: "observation", sampling: 0.5,
                                      delaySeconds: 2, filter: [["column": "name"]], evaluators: [["evaluator": ["id": "ev-2"]]],
                                      createdAt: c.at(1), updatedAt: c.at(1))
            try await store.saveEvaluationRule(rule)
            c.expectEqual(try await store.evaluationRule(projectID: c.projectID, id: "rule-1"), rule, "rule read back")
            await c.expectConflict("a second rule with the same name") {
                var twin = rule
                twin.id = "rule-2"
                try await store.saveEvaluationRule(twin)
            }
            var paused = rule
            paused.pausedReason = "LLM_CONNECTION_FAILING"
            paused.consecutiveFailures = 3
            try await store.saveEvaluationRule(paused)
            c.expectEqual(try await store.enabledEvaluationRules(projectID: c.projectID), [paused], "enabled rules, paused included")
            c.expect(try await store.deleteEvaluationRule(projectID: c.projectID, id: "rule-1"), "rule deleted")
            c.expectEqual(try await store.enabledEvaluationRules(projectID: c.projectID), [], "no rules left")
        },
        ConformanceCase("evaluations: the job queue enqueues once, claims each due job once, and re-claims expired leases", needs: .evaluations) { c in
            let store = try c.require(c.storage as? any EvaluationStore, "the storage conforms to EvaluationStore")
            func job(_ id: String, due: Int, status: EvaluationStatus = .pending) -> EvaluationExecution {
                EvaluationExecution(id: id, projectID: c.projectID, ruleID: "rule-q", evaluatorID: "ev", status: status, traceID: "t-\(id)",
                                    observationID: "o-\(id)", runAfter: c.at(Double(due)), createdAt: c.at(0), updatedAt: c.at(0))
            }
            let jobs = (0..<20).map { job("job-\($0)", due: $0 < 15 ? 10 : 1000) } + [job("done", due: 1, status: .completed)]
            c.expectEqual(try await store.enqueueExecutions(jobs), 21, "inserted")
            c.expectEqual(try await store.enqueueExecutions(Array(jobs.prefix(5))), 0, "an id already stored is left alone")
            // Concurrent claimers get disjoint jobs; together exactly the 15 due ones.
            let claims = try await withThrowingTaskGroup(of: [EvaluationExecution].self) { group in
                for _ in 0..<4 { group.addTask { try await store.claimExecutions(limit: 5, now: c.at(20), leaseSeconds: 60) } }
                return try await group.reduce(into: [[EvaluationExecution]]()) { $0.append($1) }
            }
            let claimed = claims.flatMap { $0 }
            c.expectEqual(claimed.count, 15, "every due job claimed")
            c.expectEqual(Set(claimed.map(\.id)).count, 15, "no job claimed twice")
            c.expect(claimed.allSatisfy { $0.status == .running && $0.attempts == 1 && $0.leaseUntil == c.at(80) }, "claimed jobs are running with a lease")
            c.expectEqual(try await store.claimExecutions(limit: 50, now: c.at(30), leaseSeconds: 60), [], "leased jobs are not claimed again")
            let again = try await store.claimExecutions(limit: 50, now: c.at(81), leaseSeconds: 60)
            c.expectEqual(Set(again.map(\.id)), Set(claimed.map(\.id)), "jobs whose lease ended are claimed again")
            c.expect(again.allSatisfy { $0.attempts == 2 }, "a re-claim counts an attempt")
            var finished = again[0]
            finished.status = .completed
            finished.scoreID = "score-1"
            finished.leaseUntil = nil
            try await store.updateExecution(finished)
            c.expectEqual(try await store.execution(projectID: c.projectID, id: finished.id), finished, "outcome stored")
            let completed = try await store.executions(projectID: c.projectID, query: EvaluationExecutionQuery(ruleID: "rule-q", status: .completed))
            c.expectEqual(Set(completed.items.map(\.id)), ["done", finished.id], "filter by status")
            let byTrace = try await store.executions(projectID: c.projectID, query: EvaluationExecutionQuery(traceID: "t-job-3"))
            c.expectEqual(byTrace.items.map(\.id), ["job-3"], "filter by trace")
            c.expectEqual(try await store.startedExecutionCount(projectID: c.projectID, ruleID: "rule-q", since: c.at(50)), 1,
                          "ran to an end since: the completed one, not the 14 still running")
            c.expectEqual(try await store.executions(projectID: c.otherProjectID, query: EvaluationExecutionQuery()).totalItems, 0, "another project sees none")
        },
    ]
}
