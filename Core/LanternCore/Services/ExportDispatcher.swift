import Foundation
import LanternPluginSDK
import Logging

/// Delivers committed batches to each exporter through its own bounded queue, with a deadline per call
/// and capped retries; a slow or failing exporter never delays ingestion or the other exporters.
final class ExportDispatcher: Sendable {
    private struct Lane: Sendable {
        let id: String
        let exporter: any Exporter
        let stream: AsyncStream<CommittedBatch>
        let continuation: AsyncStream<CommittedBatch>.Continuation
    }

    private let lanes: [Lane]
    private let logger: Logger
    let maxAttempts: Int
    let deadlineSeconds: Double

    init(exporters: [(id: String, exporter: any Exporter)], capacity: Int = 1_000, maxAttempts: Int = 3, deadlineSeconds: Double = 10, logger: Logger) {
        lanes = exporters.map { id, exporter in
            let (stream, continuation) = AsyncStream.makeStream(of: CommittedBatch.self, bufferingPolicy: .bufferingNewest(capacity))
            return Lane(id: id, exporter: exporter, stream: stream, continuation: continuation)
        }
        self.maxAttempts = maxAttempts
        self.deadlineSeconds = deadlineSeconds
        self.logger = logger
    }

    /// Queues a batch for every exporter.
    func dispatch(_ batch: CommittedBatch) {
        for lane in lanes { lane.continuation.yield(batch) }
    }

    /// Delivers until ``finish()`` and the queues are drained; call once.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for lane in lanes {
                group.addTask { [self] in
                    for await batch in lane.stream { await deliver(batch, to: lane) }
                }
            }
        }
    }

    /// Ends intake.
    func finish() { for lane in lanes { lane.continuation.finish() } }

    private func deliver(_ batch: CommittedBatch, to lane: Lane) async {
        for attempt in 1...maxAttempts {
            do {
                try await withDeadline(seconds: deadlineSeconds) { try await lane.exporter.export(batch) }
                return
            } catch {
                logger.warning("export failed", metadata: ["exporter": "\(lane.id)", "attempt": "\(attempt)", "error": "\(error)"])
                if attempt < maxAttempts { try? await Task.sleep(nanoseconds: UInt64(200_000_000 * attempt)) }
            }
        }
        logger.error("export dropped after retries", metadata: ["exporter": "\(lane.id)", "events": "\(batch.events.count)"])
    }
}
