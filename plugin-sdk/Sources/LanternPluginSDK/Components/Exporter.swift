/// Receives every batch after storage committed it. The kernel wraps each exporter with a
/// bounded queue, a timeout and capped retries; a failing exporter never blocks ingestion.
public protocol Exporter: Component {
    /// Delivers one committed batch; throw to have the kernel retry it later.
    func export(_ batch: CommittedBatch) async throws
    /// Receives one stored change of a managed resource (prompts); the default ignores it.
    func exportChange(_ change: ChangeEvent) async throws
}

/// Events that storage has committed for one project.
public struct CommittedBatch: Sendable {
    public var projectID: String
    /// Only the events that were stored, in apply order.
    public var events: [IngestionEvent]

    /// Creates a batch.
    public init(projectID: String, events: [IngestionEvent]) {
        self.projectID = projectID
        self.events = events
    }
}

extension Exporter {
    /// Ignores changes: exporters that only ship traces need not implement it.
    public func exportChange(_ change: ChangeEvent) async throws {}
}
