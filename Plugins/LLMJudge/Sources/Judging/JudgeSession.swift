import LanternPluginSDK

/// One judgment: the call, at most one repair call when the answer is unusable, and the record of every call.
struct JudgeSession {
    let client: ProviderClient
    let request: JudgeRequest
    /// The `max_tokens` when the evaluator's parameters set none.
    let maxOutputTokens: Int

    /// An answer that arrived but gave no verdict, and what to tell the model about it.
    private struct UnusableAnswer: Error {
        let problem: String
        /// The answer's text, replayed as the assistant's turn; nil when there was none to replay.
        let text: String?
    }

    /// The verdict with its calls; throws ``JudgeFailure`` carrying the calls made.
    func run() async throws -> JudgeResult {
        let schema = try ScoreSchema.schema(for: request.output)
        var messages = [ChatMessage.user(request.prompt + AnswerInstructions.paragraph(for: request.output))]
        var calls: [JudgeCall] = []
        let firstProblem: UnusableAnswer
        switch try await attempt(messages, schema: schema, calls: &calls) {
        case .success(let verdict): return JudgeResult(verdict: verdict, calls: calls)
        case .failure(let unusable): firstProblem = unusable
        }
        // One repair turn: the model sees its answer and why it was refused, which fixes most slips (a missing
        // member, a score out of range) for the price of one call. A second failure is final.
        if let text = firstProblem.text, !text.isEmpty { messages.append(.assistant(text)) }
        messages.append(.user(AnswerInstructions.repairMessage(problem: firstProblem.problem, output: request.output)))
        switch try await attempt(messages, schema: schema, calls: &calls) {
        case .success(let verdict): return JudgeResult(verdict: verdict, calls: calls)
        case .failure(let unusable):
            throw JudgeFailure(kind: .invalidOutput, message: "Invalid LLM response format: \(unusable.problem)", calls: calls)
        }
    }

    /// One call: its verdict, or why its answer is unusable. A refused or failed call throws, since asking again at
    /// once would not help (the kernel retries retryable failures later).
    private func attempt(_ messages: [ChatMessage], schema: JSONValue, calls: inout [JudgeCall]) async throws -> Result<JudgeVerdict, UnusableAnswer> {
        let exchange = try await client.exchange(ChatRequest(model: request.model, messages: messages, parameters: request.parameters,
                                                             schema: schema, defaultMaxTokens: maxOutputTokens,
                                                             connection: request.connection, timeoutSeconds: request.timeoutSeconds))
        switch exchange.outcome {
        case .failed(var failure, let body):
            calls.append(exchange.call(output: body, error: failure.message))
            failure.calls = calls
            throw failure
        case .unreadable(let problem, let body):
            calls.append(exchange.call(output: body, error: problem))
            return .failure(UnusableAnswer(problem: problem, text: nil))
        case .answered(let answer):
            guard let text = answer.text else {
                let problem = Self.explained("the answer holds no text", notice: answer.notice)
                calls.append(exchange.call(output: nil, error: problem))
                return .failure(UnusableAnswer(problem: problem, text: nil))
            }
            do {
                let parsed = try VerdictParser.parse(text, as: request.output)
                calls.append(exchange.call(output: .object(parsed.object), error: nil))
                return .success(parsed.verdict)
            } catch {
                let problem = Self.explained(error.message, notice: answer.notice)
                calls.append(exchange.call(output: .string(text), error: problem))
                return .failure(UnusableAnswer(problem: problem, text: text))
            }
        }
    }

    /// `problem`, followed by the provider's hint of why (cut off, refused) when it gave one.
    private static func explained(_ problem: String, notice: String?) -> String {
        notice.map { "\(problem) (\($0))" } ?? problem
    }
}
