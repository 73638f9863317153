import Foundation
import LanternPluginSDK
import Logging

/// Runs evaluators on traces after their events commit, and writes the scores they return through the
/// ingestion path with source `EVAL`.
///
/// Each evaluation has a deadline; a thrown error or timeout is logged and skipped. A score's id is derived
/// from (evaluator instance, trace, observation, score name), so re-evaluating a trace replaces its scores.
/// The queue is bounded: when it is full, the oldest pending traces are dropped and counted.
final class EvaluationScheduler: Sendable {
    struct Job: Sendable { let projectID: String; let traceID: String }

    private let evaluators: [(id: String, evaluator: any Evaluator)]
    private let continuation: AsyncStream<Job>.Continuation
    private let stream: AsyncStream<Job>
    private let logger: Logger
    let deadlineSeconds: Double

    init(evaluators: [(id: String, evaluator: any Evaluator)], capacity: Int = 10_000, deadlineSeconds: Double = 30, logger: Logger) {
        self.evaluators = evaluators
        (stream, continuation) = AsyncStream.makeStream(of: Job.self, bufferingPolicy: .bufferingNewest(capacity))
        self.deadlineSeconds = deadlineSeconds
        self.logger = logger
    }

    /// Whether any evaluator is configured.
    var isActive: Bool { !evaluators.isEmpty }

    /// Queues every trace touched by the batch's trace and observation events.
    func schedule(_ batch: CommittedBatch) {
        guard isActive else { return }
        var traceIDs: [String] = []
        for event in batch.events {
            switch event.payload {
            case .trace(let update): traceIDs.append(update.id)
            case .observation(let update): if let traceID = update.traceID { traceIDs.append(traceID) }
            default: break
            }
        }
        for traceID in Set(traceIDs) { continuation.yield(Job(projectID: batch.projectID, traceID: traceID)) }
    }

    /// Processes jobs until ``finish()``; call once.
    func run(storage: any StorageBackend, sink: any IngestionSink) async {
        for await job in stream {
            await evaluate(job, storage: storage, sink: sink)
        }
    }

    /// Ends intake; ``run(storage:sink:)`` returns once the queue is drained.
    func finish() { continuation.finish() }

    private func evaluate(_ job: Job, storage: any StorageBackend, sink: any IngestionSink) async {
        guard let summary = try? await storage.trace(projectID: job.projectID, id: job.traceID),
              let observations = try? await storage.observations(projectID: job.projectID, traceIDs: [job.traceID]) else { return }
        let context = EvaluationContext(trace: summary.trace, observations: observations)
        for (id, evaluator) in evaluators {
            do {
                let drafts = try await withDeadline(seconds: deadlineSeconds) { try await evaluator.evaluate(context) }
                let events = try scoreEvents(drafts, from: id, declared: evaluator.scores, trace: summary.trace)
                _ = try await sink.accept(events, projectID: job.projectID)
            } catch {
                logger.warning("evaluator failed; evaluation skipped", metadata: ["evaluator": "\(id)", "trace": "\(job.traceID)", "error": "\(error)"])
            }
        }
    }

    private func scoreEvents(_ drafts: [ScoreDraft], from evaluatorID: String, declared: [ScoreSpec], trace: Trace) throws -> [IngestionEvent] {
        let now = Date()
        return try drafts.map { draft in
            guard declared.contains(ScoreSpec(name: draft.name, dataType: draft.dataType)) else {
                throw UndeclaredScore(name: draft.name, dataType: draft.dataType)
            }
            let id = Identifiers.stableHash("\(evaluatorID)|\(trace.id)|\(draft.observationID ?? "")|\(draft.name)")
            var score = Score(id: "eval-\(id)", projectID: trace.projectID, name: draft.name, dataType: draft.dataType,
                              value: draft.value, stringValue: draft.stringValue, source: .eval, timestamp: now,
                              environment: trace.environment, createdAt: now)
            score.traceID = trace.id
            score.observationID = draft.observationID
            score.comment = draft.comment
            score.metadata = ["evaluator": .string(evaluatorID)]
            return IngestionEvent(id: "eval-\(id)-\(Int(now.timeIntervalSince1970 * 1000))", timestamp: now, payload: .score(score))
        }
    }

    struct UndeclaredScore: Error, CustomStringConvertible {
        let name: String
        let dataType: ScoreDataType
        var description: String { "returned score '\(name)' (\(dataType)) that it does not declare in `scores`" }
    }
}
