import Foundation
import LanternPluginSDK

/// Group commit: the events of many concurrent requests are written to storage together.
///
/// Requests queue their events; a writer takes everything queued while the previous commit ran (up to
/// ``maxEventsPerCommit``), calls `storage.write` once per project, and hands each request its own outcomes.
/// ``run()`` keeps one writer, or up to the storage's ``IngestionStore/concurrentWrites`` when it allows more, for
/// the life of the server: idle writers wait for work, and a request arriving while every awake writer is busy wakes
/// another. A request returns only after its events are committed. The queue is bounded in events: past
/// `capacityEvents` a request is refused with ``IngestionError/atCapacity(retryAfterSeconds:)`` (503 +
/// `Retry-After`), so memory stays bounded at any offered load. ``close()`` stops intake; the writers commit what
/// is queued, then ``run()`` returns.
final class GroupCommitWriter: Sendable {
    /// One request waiting for its commit.
    private struct Waiting: Sendable {
        let projectID: String
        let events: [IngestionEvent]
        let continuation: CheckedContinuation<[EventOutcome], any Error>
    }

    private struct State: Sendable {
        var queue: [Waiting] = []
        /// Events queued or being committed.
        var heldEvents = 0
        /// Writers waiting for work: resumed with true when work arrives, false when the writer is closed.
        var idle: [CheckedContinuation<Bool, Never>] = []
        /// Set by ``close()``: new requests are refused and idle writers stop.
        var closed = false
    }

    /// The most events one transaction takes (a request larger than this is committed alone).
    static let maxEventsPerCommit = 10_000

    private let storage: any StorageBackend
    private let capacityEvents: Int
    /// The writers ``run()`` keeps.
    private let maxWriters: Int
    private let state = LockedValue(State())
    let stats: IngestionStats

    init(storage: any StorageBackend, capacityEvents: Int) {
        self.storage = storage
        self.capacityEvents = capacityEvents
        maxWriters = max(1, storage.concurrentWrites)
        stats = IngestionStats(capacityEvents: capacityEvents)
    }

    /// Queues `events` (already in apply order) and returns their outcomes once committed.
    func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        try await withCheckedThrowingContinuation { continuation in
            let waiting = Waiting(projectID: projectID, events: events, continuation: continuation)
            let decision: (accepted: Bool, closed: Bool, wake: CheckedContinuation<Bool, Never>?, requests: Int, events: Int) = state.withLock { state in
                guard !state.closed else { return (false, true, nil, 0, 0) }
                // An empty queue always takes the request, however large, so no request size can starve.
                guard state.heldEvents == 0 || state.heldEvents + events.count <= capacityEvents else {
                    return (false, false, nil, state.queue.count, state.heldEvents)
                }
                state.queue.append(waiting)
                state.heldEvents += events.count
                return (true, false, state.idle.popLast(), state.queue.count, state.heldEvents)
            }
            guard decision.accepted else {
                if decision.closed {
                    continuation.resume(throwing: IngestionError.unavailable("the server is shutting down"))
                    return
                }
                stats.rejected()
                continuation.resume(throwing: IngestionError.atCapacity(retryAfterSeconds: 1))
                return
            }
            stats.queueChanged(requests: decision.requests, events: decision.events)
            decision.wake?.resume(returning: true)
        }
    }

    /// Runs the writers until ``close()`` and an empty queue; call once.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<maxWriters { group.addTask { await self.writerLoop() } }
        }
    }

    /// Stops intake: later requests are refused, queued ones are still committed, idle writers stop.
    func close() {
        let idle = state.withLock { state in
            state.closed = true
            let idle = state.idle
            state.idle = []
            return idle
        }
        for writer in idle { writer.resume(returning: false) }
    }

    /// Commits queued groups; waits while the queue is empty; returns once closed and drained.
    private func writerLoop() async {
        while true {
            if let group = takeGroup() {
                await commit(group)
                continue
            }
            let hasWork = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let resumeNow: Bool? = state.withLock { state in
                    if !state.queue.isEmpty { return true }
                    if state.closed { return false }
                    state.idle.append(continuation)
                    return nil
                }
                if let resumeNow { continuation.resume(returning: resumeNow) }
            }
            if !hasWork { return }
        }
    }

    /// The next requests to commit together, or nil when none wait.
    private func takeGroup() -> [Waiting]? {
        let taken: (group: [Waiting], requests: Int, events: Int)? = state.withLock { state in
            guard !state.queue.isEmpty else { return nil }
            var count = 0, events = 0
            for waiting in state.queue {
                if count > 0 && events + waiting.events.count > Self.maxEventsPerCommit { break }
                count += 1
                events += waiting.events.count
            }
            let group = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return (group, state.queue.count, state.heldEvents)
        }
        guard let taken else { return nil }
        stats.queueChanged(requests: taken.requests, events: taken.events)
        return taken.group
    }

    /// Writes one group: one storage write per project, outcomes split back to each request in order.
    private func commit(_ group: [Waiting]) async {
        var projects: [String] = []
        var byProject: [String: [Waiting]] = [:]
        for waiting in group {
            if byProject[waiting.projectID] == nil { projects.append(waiting.projectID) }
            byProject[waiting.projectID, default: []].append(waiting)
        }
        for projectID in projects {
            let requests = byProject[projectID] ?? []
            let events = requests.flatMap(\.events)
            let started = ContinuousClock.now
            let result: Result<[EventOutcome], any Error>
            do {
                let outcomes = try await storage.write(events, projectID: projectID)
                result = outcomes.count == events.count
                    ? .success(outcomes)
                    : .failure(IngestionError.unavailable("storage returned \(outcomes.count) outcomes for \(events.count) events"))
            } catch let error as IngestionError {
                result = .failure(error)
            } catch {
                result = .failure(IngestionError.unavailable("\(error)"))
            }
            let elapsed = ContinuousClock.now - started
            let finished = Date()
            let failed: Bool
            switch result {
            case .success(let outcomes):
                failed = false
                var offset = 0
                for waiting in requests {
                    waiting.continuation.resume(returning: Array(outcomes[offset..<(offset + waiting.events.count)]))
                    offset += waiting.events.count
                }
            case .failure(let error):
                failed = true
                for waiting in requests { waiting.continuation.resume(throwing: error) }
            }
            let held = state.withLock { state in
                state.heldEvents -= events.count
                return (state.queue.count, state.heldEvents)
            }
            stats.committed(events: events.count, seconds: elapsed.inSeconds, at: finished, failed: failed)
            stats.queueChanged(requests: held.0, events: held.1)
        }
    }
}
