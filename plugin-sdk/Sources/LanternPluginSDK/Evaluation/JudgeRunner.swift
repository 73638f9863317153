import Foundation

/// How a judge reaches its LLM provider: one project's LLM connection, secrets decrypted by the kernel.
public struct JudgeConnection: Sendable, Hashable {
    /// The wire protocol: `openai` (also OpenAI-compatible base URLs), `azure`, `anthropic`, … (``LLMConnection/adapter``).
    public var adapter: String
    /// The API's base URL; nil for the adapter's public endpoint.
    public var baseURL: String?
    public var secretKey: String
    /// Extra headers sent with every call.
    public var extraHeaders: [String: String]
    /// Adapter-specific settings.
    public var config: JSONValue?

    /// Creates a connection.
    public init(adapter: String, baseURL: String?, secretKey: String, extraHeaders: [String: String] = [:], config: JSONValue? = nil) {
        self.adapter = adapter
        self.baseURL = baseURL
        self.secretKey = secretKey
        self.extraHeaders = extraHeaders
        self.config = config
    }
}

/// The structured answer a judge must give: a reasoning text and a score of one type.
public struct JudgeOutputDefinition: Sendable, Hashable {
    /// `NUMERIC`, `BOOLEAN` or `CATEGORICAL`.
    public var dataType: ScoreDataType
    /// What the reasoning should say.
    public var reasoningDescription: String
    /// What the score means.
    public var scoreDescription: String
    /// Inclusive bounds of a numeric score.
    public var minValue: Double?
    public var maxValue: Double?
    /// The categories of a categorical score.
    public var categories: [String]
    /// Whether a categorical score may name several categories.
    public var allowsMultipleMatches: Bool

    /// Creates a definition.
    public init(dataType: ScoreDataType, reasoningDescription: String, scoreDescription: String, minValue: Double? = nil,
                maxValue: Double? = nil, categories: [String] = [], allowsMultipleMatches: Bool = false) {
        self.dataType = dataType
        self.reasoningDescription = reasoningDescription
        self.scoreDescription = scoreDescription
        self.minValue = minValue
        self.maxValue = maxValue
        self.categories = categories
        self.allowsMultipleMatches = allowsMultipleMatches
    }
}

/// An evaluator template a judge plugin ships: the kernel lists it beside each project's own evaluators.
public struct JudgeTemplate: Sendable, Hashable {
    /// The evaluator's name, which is also its score's name.
    public var name: String
    /// The prompt, with `{{variable}}` placeholders.
    public var prompt: String
    public var output: JudgeOutputDefinition

    /// Creates a template.
    public init(name: String, prompt: String, output: JudgeOutputDefinition) {
        self.name = name
        self.prompt = prompt
        self.output = output
    }
}

/// One judgment to make.
public struct JudgeRequest: Sendable {
    /// The prompt with its variables filled in, sent as one user message.
    public var prompt: String
    public var model: String
    /// Model parameters (`temperature`, `max_tokens`, …), passed to the provider as given.
    public var parameters: [String: JSONValue]
    public var output: JudgeOutputDefinition
    public var connection: JudgeConnection
    /// The deadline of each call to the provider.
    public var timeoutSeconds: Double

    /// Creates a request.
    public init(prompt: String, model: String, parameters: [String: JSONValue] = [:], output: JudgeOutputDefinition,
                connection: JudgeConnection, timeoutSeconds: Double = 60) {
        self.prompt = prompt
        self.model = model
        self.parameters = parameters
        self.output = output
        self.connection = connection
        self.timeoutSeconds = timeoutSeconds
    }
}

/// One call to the provider, as the kernel traces it.
public struct JudgeCall: Sendable, Hashable {
    /// The messages sent.
    public var input: JSONValue
    /// The answer received (text, tool arguments or the error body).
    public var output: JSONValue?
    /// The model the provider says answered.
    public var model: String
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var startTime: Date
    public var endTime: Date
    /// Why the call failed or its answer was refused; nil for a usable answer.
    public var error: String?

    /// Creates a call record.
    public init(input: JSONValue, output: JSONValue?, model: String, inputTokens: Int?, outputTokens: Int?, startTime: Date,
                endTime: Date, error: String? = nil) {
        self.input = input
        self.output = output
        self.model = model
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.startTime = startTime
        self.endTime = endTime
        self.error = error
    }
}

/// A judge's verdict: the score and why.
public struct JudgeVerdict: Sendable, Hashable {
    /// The score's value in its definition's type.
    @frozen
    public enum Value: Sendable, Hashable {
        case number(Double)
        case boolean(Bool)
        /// One or more categories (several only when the definition allows multiple matches).
        case categories([String])
    }

    public var value: Value
    public var reasoning: String

    /// Creates a verdict.
    public init(value: Value, reasoning: String) {
        self.value = value
        self.reasoning = reasoning
    }
}

/// A judgment's result: the verdict and every provider call made for it (a repair retry adds a second).
public struct JudgeResult: Sendable, Hashable {
    public var verdict: JudgeVerdict
    public var calls: [JudgeCall]

    /// Creates a result.
    public init(verdict: JudgeVerdict, calls: [JudgeCall]) {
        self.verdict = verdict
        self.calls = calls
    }
}

/// Why a judgment failed, classified so the kernel can retry, pause the rule or give up.
public struct JudgeFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the kernel does next.
    @frozen
    public enum Kind: Sendable, Hashable {
        /// Try again later (HTTP 429, 5xx, a timeout, a dropped connection); the provider's wait hint, if any.
        case retryable(afterSeconds: Double?)
        /// The connection cannot work until someone fixes it (bad key, no quota, unknown model): pause the rule.
        case connection
        /// The provider answered, but not with a usable verdict, even after the repair retry.
        case invalidOutput
        /// The request itself cannot be sent (e.g. an adapter the judge does not speak).
        case unsupported
    }

    public var kind: Kind
    /// The provider's own words where it gave any, else the judge's.
    public var message: String
    /// The provider's HTTP status, when one arrived.
    public var status: Int?
    /// The calls made before the failure.
    public var calls: [JudgeCall]

    /// Creates a failure.
    public init(kind: Kind, message: String, status: Int? = nil, calls: [JudgeCall] = []) {
        self.kind = kind
        self.message = message
        self.status = status
        self.calls = calls
    }

    public var description: String { status.map { "HTTP \($0): \(message)" } ?? message }
}

/// Calls LLMs to judge, for evaluators of type `llm_as_judge`. Has no storage access: the kernel picks the work,
/// fills the prompt, traces every call into the project and writes the scores.
public protocol JudgeRunner: Component {
    /// The built-in evaluator templates this judge ships.
    var templates: [JudgeTemplate] { get }
    /// Makes one judgment. Throws ``JudgeFailure`` for every expected failure.
    func judge(_ request: JudgeRequest) async throws -> JudgeResult
    /// Checks a connection with one small call to `model`; throws ``JudgeFailure`` with the provider's words.
    func test(_ connection: JudgeConnection, model: String, timeoutSeconds: Double) async throws
}
