import Foundation

/// A project's connection to an LLM provider. Secrets are stored sealed by the kernel (AES-GCM); a storage never
/// sees them in clear and the API never returns them.
public struct LLMConnection: Sendable, Hashable {
    public var id: String
    public var projectID: String
    /// The user-chosen provider name, unique in the project (`openai`, `my-gateway`).
    public var provider: String
    /// The wire protocol: `openai`, `azure`, `anthropic`, `bedrock`, `google-vertex-ai`, `google-ai-studio`.
    public var adapter: String
    /// The secret key, sealed by the kernel.
    public var sealedSecretKey: String
    /// `...` and the key's last four characters.
    public var displaySecretKey: String
    public var baseURL: String?
    public var customModels: [String]
    public var withDefaultModels: Bool
    /// The extra headers' names, in clear.
    public var extraHeaderKeys: [String]
    /// The extra headers (a JSON object), sealed by the kernel; nil when there are none.
    public var sealedExtraHeaders: String?
    public var config: JSONValue?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a connection.
    public init(id: String, projectID: String, provider: String, adapter: String, sealedSecretKey: String, displaySecretKey: String,
                baseURL: String? = nil, customModels: [String] = [], withDefaultModels: Bool = true, extraHeaderKeys: [String] = [],
                sealedExtraHeaders: String? = nil, config: JSONValue? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.projectID = projectID
        self.provider = provider
        self.adapter = adapter
        self.sealedSecretKey = sealedSecretKey
        self.displaySecretKey = displaySecretKey
        self.baseURL = baseURL
        self.customModels = customModels
        self.withDefaultModels = withDefaultModels
        self.extraHeaderKeys = extraHeaderKeys
        self.sealedExtraHeaders = sealedExtraHeaders
        self.config = config
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One version of an evaluator: how to score. Versions of one name share the family `id`.
public struct EvaluatorVersion: Sendable, Hashable {
    /// The family's id, stable across versions.
    public var id: String
    public var projectID: String
    /// The evaluator's name, unique per project; also the name of the scores it writes.
    public var name: String
    /// 1, 2, … per name.
    public var version: Int
    /// `llm_as_judge` (the only type a project stores today).
    public var type: String
    /// The version's definition as the kernel reads it (`prompt`, `outputDefinition`, `modelConfig`, `mapping`).
    public var definition: JSONValue
    public var createdAt: Date

    /// Creates a version.
    public init(id: String, projectID: String, name: String, version: Int, type: String, definition: JSONValue, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.version = version
        self.type = type
        self.definition = definition
        self.createdAt = createdAt
    }
}

/// What to score and how to fill the evaluator's variables: a live rule.
public struct EvaluationRule: Sendable, Hashable {
    public var id: String
    public var projectID: String
    /// Unique per project.
    public var name: String
    /// The desired state; a paused rule is enabled but does not run.
    public var enabled: Bool
    /// `observation`, `experiment` or `trace`.
    public var target: String
    /// The fraction of matching targets evaluated, in (0, 1].
    public var sampling: Double
    /// Seconds a job waits after its target was ingested, so late events (an output, a run item) arrive first.
    public var delaySeconds: Double
    /// The filter conditions (a JSON array), all AND-ed, as the kernel reads them.
    public var filter: JSONValue
    /// The evaluator assignments (a JSON array of `{evaluator: {id, name, type}, mapping}`), as the kernel reads them.
    public var evaluators: JSONValue
    /// Why the kernel paused the rule (`LLM_CONNECTION_FAILING`, …); nil when it is not paused.
    public var pausedReason: String?
    public var pausedMessage: String?
    /// Executions that failed in a row; the kernel pauses the rule when this reaches its limit.
    public var consecutiveFailures: Int
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a rule.
    public init(id: String, projectID: String, name: String, enabled: Bool, target: String, sampling: Double, delaySeconds: Double = 0,
                filter: JSONValue = .array([]), evaluators: JSONValue = .array([]), pausedReason: String? = nil, pausedMessage: String? = nil,
                consecutiveFailures: Int = 0, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.enabled = enabled
        self.target = target
        self.sampling = sampling
        self.delaySeconds = delaySeconds
        self.filter = filter
        self.evaluators = evaluators
        self.pausedReason = pausedReason
        self.pausedMessage = pausedMessage
        self.consecutiveFailures = consecutiveFailures
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Where an evaluation execution stands.
public struct EvaluationStatus: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// Waiting to be picked up.
    public static let pending = EvaluationStatus(rawValue: "pending")
    /// Waiting for a retry after a retryable failure.
    public static let delayed = EvaluationStatus(rawValue: "delayed")
    /// Picked up by a server, which holds it until its lease ends.
    public static let running = EvaluationStatus(rawValue: "running")
    public static let completed = EvaluationStatus(rawValue: "completed")
    public static let error = EvaluationStatus(rawValue: "error")
    /// The target did not match the rule's filter.
    public static let skippedFilter = EvaluationStatus(rawValue: "skipped_filter")
    /// The target was not in the rule's sample.
    public static let skippedSampling = EvaluationStatus(rawValue: "skipped_sampling")
    /// The rule's hourly cap was reached.
    public static let skippedCap = EvaluationStatus(rawValue: "skipped_cap")
    /// The rule was paused, disabled or deleted before the job ran.
    public static let paused = EvaluationStatus(rawValue: "paused")
    /// Every status.
    public static let all: [EvaluationStatus] = [.pending, .delayed, .running, .completed, .error, .skippedFilter, .skippedSampling, .skippedCap, .paused]
}

/// One candidate of one rule and evaluator: a job while it waits, then the record of what happened.
public struct EvaluationExecution: Sendable, Hashable {
    /// Derived from (rule, evaluator, target), so one target gets one execution per rule and evaluator.
    public var id: String
    public var projectID: String
    public var ruleID: String
    /// The evaluator family's id, or the evaluator plugin's instance id.
    public var evaluatorID: String
    public var status: EvaluationStatus
    public var traceID: String
    public var observationID: String?
    public var datasetItemID: String?
    public var datasetRunID: String?
    /// Why it was skipped or paused, or the failure (the provider's words).
    public var reason: String?
    /// Attempts started so far.
    public var attempts: Int
    /// When a worker may pick it up.
    public var runAfter: Date
    /// Until when the worker that picked it up holds it.
    public var leaseUntil: Date?
    public var startedAt: Date?
    public var endedAt: Date?
    /// The last attempt's duration in milliseconds.
    public var latencyMs: Double?
    /// The first score written.
    public var scoreID: String?
    /// The judge's own trace.
    public var judgeTraceID: String?
    /// The evaluator version that ran.
    public var evaluatorVersion: Int?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an execution.
    public init(id: String, projectID: String, ruleID: String, evaluatorID: String, status: EvaluationStatus, traceID: String,
                observationID: String? = nil, datasetItemID: String? = nil, datasetRunID: String? = nil, reason: String? = nil,
                attempts: Int = 0, runAfter: Date, leaseUntil: Date? = nil, startedAt: Date? = nil, endedAt: Date? = nil,
                latencyMs: Double? = nil, scoreID: String? = nil, judgeTraceID: String? = nil, evaluatorVersion: Int? = nil,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.projectID = projectID
        self.ruleID = ruleID
        self.evaluatorID = evaluatorID
        self.status = status
        self.traceID = traceID
        self.observationID = observationID
        self.datasetItemID = datasetItemID
        self.datasetRunID = datasetRunID
        self.reason = reason
        self.attempts = attempts
        self.runAfter = runAfter
        self.leaseUntil = leaseUntil
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.latencyMs = latencyMs
        self.scoreID = scoreID
        self.judgeTraceID = judgeTraceID
        self.evaluatorVersion = evaluatorVersion
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Filters of the execution log; nil matches everything.
public struct EvaluationExecutionQuery: Sendable, Hashable {
    public var ruleID: String?
    public var traceID: String?
    public var observationID: String?
    public var status: EvaluationStatus?
    public var page: PageRequest

    /// Creates a query.
    public init(ruleID: String? = nil, traceID: String? = nil, observationID: String? = nil, status: EvaluationStatus? = nil,
                page: PageRequest = PageRequest()) {
        self.ruleID = ruleID
        self.traceID = traceID
        self.observationID = observationID
        self.status = status
        self.page = page
    }
}
