import Foundation
import LanternPluginSDK

/// The best-effort mode's bounded queue: records wait here and are appended in order by one drain task, which
/// retries a failed append after a pause; when the queue is full a record is dropped and counted.
actor BestEffortQueue {
    private var waiting: [AuditEvent] = []
    private let capacity: Int
    private let onDrop: @Sendable () -> Void

    init(capacity: Int, onDrop: @escaping @Sendable () -> Void) {
        self.capacity = capacity
        self.onDrop = onDrop
    }

    /// Queues `event`; false (and counted) when the queue is full.
    func enqueue(_ event: AuditEvent) -> Bool {
        guard waiting.count < capacity else {
            onDrop()
            return false
        }
        waiting.append(event)
        return true
    }

    /// Appends queued records until cancelled, retrying the head of the queue after a failure.
    func drain(into database: SerialDatabase) async {
        while !Task.isCancelled {
            guard let next = waiting.first else {
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            do {
                _ = try await database.run { try $0.append(next) }
                waiting.removeFirst()
            } catch {
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    /// Records still waiting.
    var count: Int { waiting.count }
}
