import Foundation

/// The evaluation runtime's limits and timings (`evaluation:` in the config).
public struct EvaluationSettings: Sendable, Hashable {
    /// The model of evaluators without their own `modelConfig`: a project LLM connection's provider name and a model.
    public struct DefaultModel: Sendable, Hashable {
        public var provider: String
        public var model: String
    }

    /// Judgments one server runs at once.
    public var concurrency = 4
    /// How long a claimed job is held before another server may take it over (its holder crashed).
    public var leaseSeconds = 120
    /// How often an idle worker looks for due jobs.
    public var pollMilliseconds = 500
    /// The deadline of each call to a provider.
    public var timeoutSeconds = 60
    /// Attempts per job, retryable failures included.
    public var maxAttempts = 4
    /// The first retry's wait; each further one doubles it (a provider's `Retry-After` wins when longer).
    public var retryBaseSeconds = 5
    /// Failed executions in a row after which a rule pauses.
    public var pauseAfterFailures = 5
    /// Executions one rule may start per hour; later candidates are logged as `skipped_cap`.
    public var maxExecutionsPerRulePerHour = 1000
    /// Added to every job's delay, so the events that complete a target (an update, a late output) arrive first.
    public var settleMilliseconds = 2000
    public var defaultModel: DefaultModel?

    public init() {}
}
