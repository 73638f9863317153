import Foundation
import LanternPluginSDK

/// Group commit: the events of many concurrent requests are written to storage together.
///
/// Requests queue their events; a writer task takes everything queued while the previous commit ran (up to
/// ``maxEventsPerCommit``), calls `storage.write` once per project, and hands each request its own outcomes.
/// There is one writer task, or up to the storage's ``IngestionStore/concurrentWrites`` when it allows more: a
/// request arriving while every running writer is busy starts another.
/// A request returns only after its events are committed. The queue is bounded in events: past
/// `capacityEvents` a request is refused with ``IngestionError/atCapacity(retryAfterSeconds:)`` (503 +
/// `Retry-After`), so memory stays bounded at any offered load.
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
        /// Writer tasks running.
        var writers = 0
    }

    /// The most events one transaction takes (a request larger than this is committed alone).
    static let maxEventsPerCommit = 10_000

    private let storage: any StorageBackend
    private let capacityEvents: Int
    /// The most writer tasks at once.
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
            let decision: (accepted: Bool, startWriter: Bool, requests: Int, events: Int) = state.withLock { state in
                // An empty queue always takes the request, however large, so no request size can starve.
                guard state.heldEvents == 0 || state.heldEvents + events.count <= capacityEvents else {
                    return (false, false, state.queue.count, state.heldEvents)
                }
                state.queue.append(waiting)
                state.heldEvents += events.count
                let start = state.writers < maxWriters
                if start { state.writers += 1 }
                return (true, start, state.queue.count, state.heldEvents)
            }
            guard decision.accepted else {
                stats.rejected()
                continuation.resume(throwing: IngestionError.atCapacity(retryAfterSeconds: 1))
                return
            }
            stats.queueChanged(requests: decision.requests, events: decision.events)
            if decision.startWriter { Task { await self.drain() } }
        }
    }

    /// Commits queued requests until the queue is empty, then stops (the next request restarts it).
    private func drain() async {
        while let group = takeGroup() {
            await commit(group)
        }
    }

    /// The next requests to commit together, or nil (and this writer counted as stopped) when none wait.
    private func takeGroup() -> [Waiting]? {
        let taken: (group: [Waiting], requests: Int, events: Int)? = state.withLock { state in
            guard !state.queue.isEmpty else {
                state.writers -= 1
                return nil
            }
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
            let started = Date()
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
            stats.committed(events: events.count, seconds: finished.timeIntervalSince(started), at: finished, failed: failed)
            stats.queueChanged(requests: held.0, events: held.1)
        }
    }
}
