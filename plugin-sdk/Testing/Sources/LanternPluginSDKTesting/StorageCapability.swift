/// A part of the storage contract a backend may declare it lacks (an opt-out).
///
/// The core of the contract (projects, ingestion, trace/observation/score/session reads, deletes) has no opt-out:
/// every backend must pass it. A backend that opts out of a capability must throw
/// `StorageError.unsupported` from that capability's methods; the suite checks that instead, and the report
/// lists the capability as skipped.
public struct StorageCapability: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    /// Creates a capability from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// ``LanternPluginSDK/PromptStore``.
    public static let prompts = StorageCapability(rawValue: "prompts")
    /// ``LanternPluginSDK/DatasetStore`` and dataset-run-item ingestion events.
    public static let datasets = StorageCapability(rawValue: "datasets")
    /// ``LanternPluginSDK/MediaStore``.
    public static let media = StorageCapability(rawValue: "media")
    /// Score reads of any target: `score(id:)`, `scores(query:)`, `deleteScore`.
    public static let scoreQueries = StorageCapability(rawValue: "score-queries")
    /// ``LanternPluginSDK/ScoreConfigStore`` (a protocol the storage also conforms to).
    public static let scoreConfigs = StorageCapability(rawValue: "score-configs")
    /// ``LanternPluginSDK/CommentStore`` (a protocol the storage also conforms to).
    public static let comments = StorageCapability(rawValue: "comments")
    /// ``LanternPluginSDK/AnnotationQueueStore`` (a protocol the storage also conforms to).
    public static let annotationQueues = StorageCapability(rawValue: "annotation-queues")
    /// ``LanternPluginSDK/ModelStore`` (a protocol the storage also conforms to).
    public static let models = StorageCapability(rawValue: "models")
    /// ``LanternPluginSDK/MetricsStore`` (a protocol the storage also conforms to).
    public static let metrics = StorageCapability(rawValue: "metrics")
    /// ``LanternPluginSDK/EvaluationStore`` (a protocol the storage also conforms to).
    public static let evaluations = StorageCapability(rawValue: "evaluations")
    /// Many concurrent `write` calls on one trace converging to the merged row.
    public static let concurrentWriters = StorageCapability(rawValue: "concurrent-writers")

    /// Every capability that may be opted out of.
    public static let all: [StorageCapability] = [.prompts, .datasets, .media, .scoreQueries, .scoreConfigs, .comments, .annotationQueues, .models, .metrics,
                                                   .evaluations, .concurrentWriters]
}
