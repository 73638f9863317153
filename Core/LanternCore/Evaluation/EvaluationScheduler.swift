import Foundation
import LanternPluginSDK
import Logging

/// The durable evaluation scheduler. Committed batches become execution rows (the job queue and the log in one
/// table) off the ingestion path; a worker claims due jobs from the database, so a crash loses no pending job and
/// servers sharing a PostgreSQL database never run one twice.
final class EvaluationScheduler: Sendable {
    private let settings: EvaluationSettings
    /// What a committed batch offers rules: only its targets' ids, so a backlog holds no event bodies.
    private struct Candidates: Sendable {
        var projectID: String
        var targets: [EvaluationCandidates.Target]
    }

    private let intake: AsyncStream<Candidates>
    private let intakeContinuation: AsyncStream<Candidates>.Continuation
    private let wake = WakeSignal()
    private let rules = LockedValue<[String: (rules: [EvaluationRule], loadedAt: Date)]>([:])
    private let stopping = LockedValue(false)
    private let logger = Logger(label: "lantern.evaluation")
    /// How long a project's enabled rules are cached; another server's rule change is seen within this.
    static let ruleCacheSeconds = 2.0

    /// Whether anything can run evaluations (a judge plugin or an evaluator plugin); without, batches are not read.
    let isActive: Bool

    init(settings: EvaluationSettings, isActive: Bool, capacity: Int = 10_000) {
        self.settings = settings
        self.isActive = isActive
        (intake, intakeContinuation) = AsyncStream.makeStream(of: Candidates.self, bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Queues a committed batch for rule matching; never blocks ingestion.
    func schedule(_ batch: CommittedBatch) {
        guard isActive, !hasNoRules(batch.projectID) else { return }
        let targets = batch.events.flatMap { EvaluationCandidates.targets(of: $0.payload) }
        guard !targets.isEmpty else { return }
        if case .dropped = intakeContinuation.yield(Candidates(projectID: batch.projectID, targets: targets)) {
            logger.warning("evaluation intake full; a committed batch was not matched against rules", metadata: ["project": "\(batch.projectID)"])
        }
    }

    /// Whether the project's rules, as last read, are none and still fresh: then its batches need no matching, and
    /// ingestion spends nothing on them. A stale or missing entry lets a batch through, whose matching re-reads them.
    private func hasNoRules(_ projectID: String) -> Bool {
        guard let cached = rules.withLock({ $0[projectID] }) else { return false }
        return cached.rules.isEmpty && Date().timeIntervalSince(cached.loadedAt) < Self.ruleCacheSeconds
    }

    /// Forgets the cached rules of a project after a change on this server.
    func rulesChanged(projectID: String) {
        _ = rules.withLock { $0.removeValue(forKey: projectID) }
    }

    /// Matches batches and runs due jobs until ``finish()``.
    func run(runtime: LanternRuntime) async {
        guard let store = runtime.storage as? any EvaluationStore else { return }
        let executor = EvaluationExecutor(runtime: runtime, store: store)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.match(store: store) }
            if isActive { group.addTask { await self.work(store: store, executor: executor) } }
        }
    }

    /// Ends intake; ``run(runtime:)`` returns once queued batches are matched and running jobs end.
    func finish() {
        stopping.withLock { $0 = true }
        intakeContinuation.finish()
        let wake = wake
        Task { await wake.signal() }
    }

    private func match(store: any EvaluationStore) async {
        let candidates = EvaluationCandidates(settleSeconds: Double(settings.settleMilliseconds) / 1000)
        for await batch in intake {
            do {
                let enabled = try await enabledRules(projectID: batch.projectID, store: store)
                guard !enabled.isEmpty else { continue }
                let executions = candidates.executions(for: batch.targets, projectID: batch.projectID, rules: enabled, now: Date())
                if try await store.enqueueExecutions(executions) > 0 { await wake.signal() }
            } catch {
                logger.warning("evaluation candidates not stored", metadata: ["project": "\(batch.projectID)", "error": "\(error)"])
            }
        }
    }

    private func enabledRules(projectID: String, store: any EvaluationStore) async throws -> [EvaluationRule] {
        let now = Date()
        if let cached = rules.withLock({ $0[projectID] }), now.timeIntervalSince(cached.loadedAt) < Self.ruleCacheSeconds { return cached.rules }
        let loaded = try await store.enabledEvaluationRules(projectID: projectID)
        rules.withLock { $0[projectID] = (loaded, now) }
        return loaded
    }

    private func work(store: any EvaluationStore, executor: EvaluationExecutor) async {
        let poll = Duration.milliseconds(settings.pollMilliseconds)
        while !stopping.withLock({ $0 }) {
            let claimed: [EvaluationExecution]
            do {
                claimed = try await store.claimExecutions(limit: settings.concurrency, now: Date(), leaseSeconds: Double(settings.leaseSeconds))
            } catch {
                logger.warning("evaluation jobs could not be claimed", metadata: ["error": "\(error)"])
                claimed = []
            }
            if claimed.isEmpty {
                // Sleep until new jobs are stored here or the poll interval passes (delayed jobs, other servers' jobs).
                await wake.wait(upTo: poll)
                continue
            }
            await withTaskGroup(of: Void.self) { group in
                for job in claimed { group.addTask { await executor.run(job) } }
            }
        }
    }
}
