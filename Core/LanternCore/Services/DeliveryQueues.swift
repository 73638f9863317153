import Foundation
import LanternPluginSDK
import Logging

/// Delivers items to several plugin components, each through its own bounded queue, with a deadline per call
/// and capped retries; a slow or failing component never delays ingestion or the other components.
final class DeliveryQueues<Item: Sendable>: Sendable {
    /// One component's queue and how to hand it an item.
    private struct Lane: Sendable {
        let id: String
        let deliver: @Sendable (Item) async throws -> Void
        let stream: AsyncStream<Item>
        let continuation: AsyncStream<Item>.Continuation
    }

    private let lanes: [Lane]
    private let logger: Logger
    private let what: String
    let maxAttempts: Int
    let deadlineSeconds: Double

    /// Queues for `targets`; `what` names the work in log messages (e.g. "export").
    init(_ what: String, targets: [(id: String, deliver: @Sendable (Item) async throws -> Void)], capacity: Int = 1_000,
         maxAttempts: Int = 3, deadlineSeconds: Double = 10, logger: Logger) {
        lanes = targets.map { id, deliver in
            let (stream, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .bufferingNewest(capacity))
            return Lane(id: id, deliver: deliver, stream: stream, continuation: continuation)
        }
        self.what = what
        self.maxAttempts = maxAttempts
        self.deadlineSeconds = deadlineSeconds
        self.logger = logger
    }

    /// Whether there is no component to deliver to.
    var isEmpty: Bool { lanes.isEmpty }

    /// Queues an item for every component.
    func dispatch(_ item: Item) {
        for lane in lanes { lane.continuation.yield(item) }
    }

    /// Delivers until ``finish()`` and the queues are drained; call once.
    func run() async {
        await withTaskGroup(of: Void.self) { group in
            for lane in lanes {
                group.addTask { [self] in
                    for await item in lane.stream { await deliver(item, to: lane) }
                }
            }
        }
    }

    /// Ends intake.
    func finish() { for lane in lanes { lane.continuation.finish() } }

    private func deliver(_ item: Item, to lane: Lane) async {
        for attempt in 1...maxAttempts {
            do {
                try await withDeadline(seconds: deadlineSeconds) { try await lane.deliver(item) }
                return
            } catch {
                logger.warning("\(what) failed", metadata: ["component": "\(lane.id)", "attempt": "\(attempt)", "error": "\(error)"])
                if attempt < maxAttempts { try? await Task.sleep(nanoseconds: UInt64(200_000_000 * attempt)) }
            }
        }
        logger.error("\(what) dropped after retries", metadata: ["component": "\(lane.id)"])
    }
}

/// What exporters receive: committed ingestion batches and changes of managed resources.
enum ExportItem: Sendable {
    case batch(CommittedBatch)
    case change(ChangeEvent)
}

extension DeliveryQueues where Item == ExportItem {
    /// The queues of the configured exporters.
    static func exporters(_ exporters: [(id: String, value: any Exporter)], logger: Logger) -> DeliveryQueues<ExportItem> {
        DeliveryQueues("export", targets: exporters.map { id, exporter in
            (id, { @Sendable item in
                switch item {
                case .batch(let batch): try await exporter.export(batch)
                case .change(let change): try await exporter.exportChange(change)
                }
            })
        }, logger: logger)
    }
}

extension DeliveryQueues where Item == AuditEvent {
    /// The queues of the configured audit sinks.
    static func auditSinks(_ sinks: [(id: String, value: any AuditSink)], logger: Logger) -> DeliveryQueues<AuditEvent> {
        DeliveryQueues("audit record", targets: sinks.map { id, sink in (id, { @Sendable event in try await sink.record(event) }) }, logger: logger)
    }
}
