/// The role a component plays in the kernel. New kinds may be added.
public struct ComponentKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The kind's name as written in config and listings.
    public let rawValue: String
    /// Creates a kind from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Persists and queries everything (one per server). Conforms to ``StorageBackend``.
    public static let storage = ComponentKind(rawValue: "storage")
    /// Accepts a wire format over HTTP. Conforms to ``IngestionReceiver``.
    public static let receiver = ComponentKind(rawValue: "receiver")
    /// Transforms events on every ingestion path. Conforms to ``IngestionProcessor``.
    public static let processor = ComponentKind(rawValue: "processor")
    /// Scores traces and observations. Conforms to ``Evaluator``.
    public static let evaluator = ComponentKind(rawValue: "evaluator")
    /// Calls LLMs for `llm_as_judge` evaluators. Conforms to ``JudgeRunner``.
    public static let judge = ComponentKind(rawValue: "judge")
    /// Receives committed batches. Conforms to ``Exporter``.
    public static let exporter = ComponentKind(rawValue: "exporter")
    /// Receives audit events. Conforms to ``AuditSink``.
    public static let auditSink = ComponentKind(rawValue: "audit-sink")
    /// Serves pages to people (a web UI). Conforms to ``WebFrontend``.
    public static let web = ComponentKind(rawValue: "web")
    /// Decides what to delete. Conforms to ``RetentionPolicy``.
    public static let retention = ComponentKind(rawValue: "retention")
}
