import LanternPluginSDK
import SQLStorageKit

// The optional capabilities, answered by the shared SQL layer's `SQLStorage` extensions.
extension PostgresStorage: CommentStore, ScoreConfigStore, ModelStore, AnnotationQueueStore, MetricsStore, EvaluationStore {}
