import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Deterministic sampling and ids, candidate making (loop guard, paused rules), and the sealing of secrets.
@Suite("Evaluation sampling and secrets")
struct SamplingAndSecretsTests {
    @Test func drawsAreDeterministicAndUniform() {
        #expect(EvaluationSampling.draw("span-1") == EvaluationSampling.draw("span-1"))
        let draws = (0..<20_000).map { EvaluationSampling.draw("observation-\($0)") }
        #expect(draws.allSatisfy { (0..<1).contains($0) })
        let share = Double(draws.filter { $0 < 0.3 }.count) / Double(draws.count)
        #expect(abs(share - 0.3) < 0.02, "share under 0.3: \(share)")
    }

    @Test func candidatesSkipTheJudgesOwnEventsAndLogPausedRules() {
        let now = Date()
        var judged = ObservationUpdate(id: "judge-call", type: .generation)
        judged.environment = JudgeTraceWriter.environment
        var live = ObservationUpdate(id: "live", type: .generation)
        live.traceID = "t1"
        let batch = CommittedBatch(projectID: "p", events: [
            IngestionEvent(id: "e1", timestamp: now, payload: .observation(judged)),
            IngestionEvent(id: "e2", timestamp: now, payload: .observation(live)),
            IngestionEvent(id: "e3", timestamp: now, payload: .observation(live)),
        ])
        let assignment = RuleAssignment(evaluatorID: "ev", name: "judge", type: "llm_as_judge", mapping: nil)
        var paused = EvaluationRule(id: "r2", projectID: "p", name: "paused", enabled: true, target: "observation", sampling: 1,
                                    evaluators: RuleAssignment.json([assignment]), createdAt: now, updatedAt: now)
        paused.pausedReason = "LLM_CONNECTION_FAILING"
        let active = EvaluationRule(id: "r1", projectID: "p", name: "active", enabled: true, target: "observation", sampling: 1, delaySeconds: 10,
                                    evaluators: RuleAssignment.json([assignment]), createdAt: now, updatedAt: now)
        let made = EvaluationCandidates(settleSeconds: 1).executions(for: batch, rules: [active, paused], now: now)
        #expect(made.map(\.observationID) == ["live", "live"], "one per rule for the live observation, none for the judge's")
        #expect(made.map(\.status) == [.pending, .paused])
        #expect(made[0].runAfter == now.addingTimeInterval(11), "the rule's delay plus the settle time")
        #expect(made[0].id == EvaluationCandidates(settleSeconds: 1).executions(for: batch, rules: [active], now: now.addingTimeInterval(5))[0].id,
                "the id depends on rule, evaluator and target only")
    }

    @Test func secretsRoundTripOnlyUnderTheirKey() throws {
        let box = try #require(try SecretBox.fromEnvironment([SecretBox.environmentKey: String(repeating: "0f", count: 32)]))
        let sealed = try box.seal("sk-very-secret")
        #expect(sealed.hasPrefix("v1:") && !sealed.contains("sk-very-secret"))
        #expect(try box.open(sealed) == "sk-very-secret")
        #expect(try box.seal("same") != box.seal("same"), "a fresh nonce per seal")
        let other = try #require(try SecretBox.fromEnvironment([SecretBox.environmentKey: Data(repeating: 7, count: 32).base64EncodedString()]))
        #expect(throws: SecretBox.Problem.self) { try other.open(sealed) }
        #expect(try SecretBox.fromEnvironment([:]) == nil)
        #expect(throws: SecretBox.Problem.self) { try SecretBox.fromEnvironment([SecretBox.environmentKey: "abc"]) }
    }
}
