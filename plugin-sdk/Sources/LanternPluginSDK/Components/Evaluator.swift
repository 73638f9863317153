/// What an evaluator is asked to judge: a trace with its observations, and the target within it.
public struct EvaluationContext: Sendable {
    public var trace: Trace
    /// Every observation of the trace, ordered by start time.
    public var observations: [Observation]
    /// The observation to judge, when the evaluation targets one; nil for the whole trace.
    public var observation: Observation?
    /// The dataset item the trace ran for, in an experiment.
    public var datasetItem: DatasetItem?

    /// Creates a context.
    public init(trace: Trace, observations: [Observation], observation: Observation? = nil, datasetItem: DatasetItem? = nil) {
        self.trace = trace
        self.observations = observations
        self.observation = observation
        self.datasetItem = datasetItem
    }
}

/// A score an evaluator declares it may emit.
public struct ScoreSpec: Sendable, Hashable {
    public var name: String
    public var dataType: ScoreDataType

    /// Declares a score.
    public init(name: String, dataType: ScoreDataType) {
        self.name = name
        self.dataType = dataType
    }
}

/// Scores traces and observations. Has no storage access: the kernel writes the returned
/// scores through the ingestion path like any client's, with source `EVAL`.
public protocol Evaluator: Component {
    /// The scores this evaluator may return; a returned score not declared here is rejected.
    var scores: [ScoreSpec] { get }
    /// Judges one context. Throwing or timing out skips this evaluation; the kernel logs it.
    func evaluate(_ context: EvaluationContext) async throws -> [ScoreDraft]
}
