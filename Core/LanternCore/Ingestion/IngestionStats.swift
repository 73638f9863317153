import Foundation

/// Counters of the ingestion write path, shown by `/api/public/health?detail=true` and `/metrics`.
public struct IngestionStatsSnapshot: Sendable, Hashable {
    /// Requests waiting for the writer.
    public var queuedRequests = 0
    /// Events held by the writer: waiting plus being committed.
    public var queuedEvents = 0
    /// The most events the queue holds before answering 503.
    public var capacityEvents = 0
    /// Transactions committed.
    public var commits = 0
    /// Events in committed transactions (stored or rejected one by one).
    public var eventsCommitted = 0
    /// Requests refused because the queue was full.
    public var rejectedAtCapacity = 0
    /// Commits that failed as a whole (storage unavailable).
    public var failedCommits = 0
    /// When the last commit finished.
    public var lastCommitAt: Date?
    /// How long the last commit took, in seconds.
    public var lastCommitSeconds = 0.0
    /// The total time spent committing, in seconds.
    public var commitSecondsSum = 0.0
    /// The longest commit so far, in seconds.
    public var maxCommitSeconds = 0.0
}

/// Thread-safe ingestion counters.
final class IngestionStats: Sendable {
    private let state: LockedValue<IngestionStatsSnapshot>

    init(capacityEvents: Int) {
        var initial = IngestionStatsSnapshot()
        initial.capacityEvents = capacityEvents
        state = LockedValue(initial)
    }

    var snapshot: IngestionStatsSnapshot { state.value }

    func queueChanged(requests: Int, events: Int) {
        state.withLock { $0.queuedRequests = requests; $0.queuedEvents = events }
    }

    func rejected() { state.withLock { $0.rejectedAtCapacity += 1 } }

    func committed(events: Int, seconds: Double, at date: Date, failed: Bool) {
        state.withLock { stats in
            if failed {
                stats.failedCommits += 1
            } else {
                stats.commits += 1
                stats.eventsCommitted += events
            }
            stats.lastCommitAt = date
            stats.lastCommitSeconds = seconds
            stats.commitSecondsSum += seconds
            stats.maxCommitSeconds = max(stats.maxCommitSeconds, seconds)
        }
    }
}
