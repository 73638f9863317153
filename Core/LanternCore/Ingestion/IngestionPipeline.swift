import Foundation
import LanternPluginSDK

/// The kernel's single write path (``IngestionSink``): processors (on the caller's task), then a durable
/// group-committed storage write (``GroupCommitWriter``), then post-commit work (exporters, evaluators) that
/// never delays the acknowledgement.
public final class IngestionPipeline: IngestionSink {
    private let writer: GroupCommitWriter?
    private let scoreConfigCheck: ScoreConfigCheck?
    private let costStage: CostStage
    private let processors: [(id: String, processor: any IngestionProcessor)]
    private let admission: AdmissionLimit
    /// Post-commit work; nil when nothing consumes committed batches.
    private let onCommit: (@Sendable (CommittedBatch) -> Void)?

    /// Creates a pipeline; `maxConcurrentBatches` bounds the batches in flight before callers get "at capacity",
    /// and `queueCapacityEvents` the events waiting for the storage writer. `onCommit` receives each batch's committed
    /// events; without it they are not collected.
    init(storage: (any StorageBackend)?, processors: [(id: String, processor: any IngestionProcessor)], models: ModelCatalog,
         maxConcurrentBatches: Int = 256, queueCapacityEvents: Int = 50_000, onCommit: (@Sendable (CommittedBatch) -> Void)?) {
        self.writer = storage.map { GroupCommitWriter(storage: $0, capacityEvents: queueCapacityEvents) }
        self.scoreConfigCheck = storage.map(ScoreConfigCheck.init(storage:))
        self.costStage = CostStage(catalog: models, storage: storage)
        self.processors = processors
        self.admission = AdmissionLimit(limit: maxConcurrentBatches)
        self.onCommit = onCommit
    }

    public func accept(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        guard let writer else { throw IngestionError.unavailable("no storage plugin is configured") }
        guard !events.isEmpty else { return [] }
        guard admission.enter() else { throw IngestionError.atCapacity(retryAfterSeconds: 1) }
        defer { admission.leave() }
        var processed = events
        for (id, processor) in processors {
            do { processed = try await processor.process(processed, projectID: projectID) } catch {
                throw IngestionError.unavailable("processor \(id) failed: \(error)")
            }
        }
        var refused: [Int: EventOutcome] = [:]
        if let scoreConfigCheck {
            do { (processed, refused) = try await scoreConfigCheck.check(processed, projectID: projectID) } catch {
                throw IngestionError.unavailable("score configs could not be read: \(error)")
            }
        }
        let order = Self.applyOrder(processed).filter { refused[$0] == nil }
        var ordered = order.map { processed[$0] }
        await costStage.apply(&ordered, projectID: projectID)
        let results = ordered.isEmpty ? [] : try await writer.write(ordered, projectID: projectID)
        var outcomes = processed.indices.map { refused[$0] ?? EventOutcome(eventID: processed[$0].id, status: 500) }
        for (position, index) in order.enumerated() { outcomes[index] = results[position] }
        if let onCommit {
            let committed = zip(ordered, results).filter { $0.1.isSuccess }.map(\.0)
            if !committed.isEmpty { onCommit(CommittedBatch(projectID: projectID, events: committed)) }
        }
        return outcomes
    }

    /// Runs the storage writers until ``close()`` and the queue is drained (``LanternRuntimeService`` calls it).
    func runWriters() async { await writer?.run() }

    /// Stops intake: new batches are refused with 503 while the queued ones are still committed.
    func close() { writer?.close() }

    /// The write path's counters (zero when no storage is configured).
    public var stats: IngestionStatsSnapshot { writer?.stats.snapshot ?? IngestionStatsSnapshot() }

    /// Indices of `events` in apply order: creates before updates, each group by timestamp, stable.
    static func applyOrder(_ events: [IngestionEvent]) -> [Int] {
        events.indices.sorted { a, b in
            if events[a].isUpdate != events[b].isUpdate { return !events[a].isUpdate }
            if events[a].timestamp != events[b].timestamp { return events[a].timestamp < events[b].timestamp }
            return a < b
        }
    }
}

/// Counts batches in flight and refuses new ones past a limit (back-pressure instead of unbounded memory).
final class AdmissionLimit: Sendable {
    private let inFlight = LockedValue(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Takes a slot; false when none is free.
    func enter() -> Bool {
        inFlight.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    /// Frees a slot.
    func leave() { inFlight.withLock { $0 -= 1 } }
}
