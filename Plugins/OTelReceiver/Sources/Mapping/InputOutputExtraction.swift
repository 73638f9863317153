import LanternPluginSDK

/// Finds a span's input and output (contract §3.1, first source that has either wins).
///
/// String values holding a JSON object or array become that JSON value; other strings stay strings.
enum InputOutputExtraction {
    struct Result {
        var input: JSONValue?
        var output: JSONValue?
    }

    /// Attribute keys that carry input/output; they are left out of `metadata.attributes`.
    static let consumedKeys: Set<String> = [
        "langfuse.trace.input", "langfuse.trace.output", "langfuse.observation.input", "langfuse.observation.output",
        "ai.prompt.messages", "ai.prompt", "ai.toolCall.args", "ai.response.text", "ai.result.text", "ai.toolCall.result",
        "ai.response.object", "ai.result.object", "ai.response.toolCalls", "ai.result.toolCalls",
        "genkit:input", "genkit:output",
        "gcp.vertex.agent.llm_request", "gcp.vertex.agent.llm_response", "gcp.vertex.agent.tool_call_args", "gcp.vertex.agent.tool_response",
        "prompt", "all_messages_events", "events",
        "lk.input_text", "lk.user_transcript", "lk.chat_ctx", "lk.user_input", "lk.function_tool.output", "lk.response.text",
        "mlflow.spanInputs", "mlflow.spanOutputs", "traceloop.entity.input", "traceloop.entity.output",
        "input.value", "output.value", "final_result", "pydantic_ai.all_messages", "input", "output",
        "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
        "gen_ai.tool.call.arguments", "gen_ai.tool.call.result",
    ]

    /// Key prefixes that carry flattened messages; also left out of `metadata.attributes`.
    static let consumedPrefixes = ["gen_ai.prompt", "gen_ai.completion", "llm.input_messages", "llm.output_messages"]

    static func isConsumed(_ key: String) -> Bool {
        consumedKeys.contains(key) || consumedPrefixes.contains { key.hasPrefix($0) }
    }

    /// The observation's (or, with `forTrace`, the trace's) input and output.
    static func extract(_ attributes: SpanAttributes, events: [SpanEventRecord], scopeName: String, forTrace: Bool = false) -> Result {
        // Langfuse SDK attributes.
        let input = (forTrace ? attributes.first(["langfuse.trace.input"]) : nil) ?? attributes["langfuse.observation.input"]
        let output = (forTrace ? attributes.first(["langfuse.trace.output"]) : nil) ?? attributes["langfuse.observation.output"]
        if input != nil || output != nil { return Result(input: input.map(value), output: output.map(value)) }

        // Scope-specific instrumentations.
        if scopeName == "genkit-tracer", let found = pair(attributes, "genkit:input", "genkit:output") { return found }
        if scopeName == "ai" { return vercel(attributes) }

        // OpenTelemetry GenAI semantic conventions.
        if attributes.first(["gen_ai.input.messages", "gen_ai.output.messages"]) != nil {
            var messages = attributes["gen_ai.input.messages"].map(value)
            if let instructions = attributes.first(["gen_ai.system_instructions"]).map(value) {
                let system: JSONValue = instructions.arrayValue != nil ? ["role": "system", "parts": instructions] : ["role": "system", "content": instructions]
                if case .array(let list)? = messages { messages = .array([system] + list) } else if messages == nil { messages = .array([system]) }
            }
            return Result(input: messages, output: attributes["gen_ai.output.messages"].map(value))
        }
        if let found = pair(attributes, "gen_ai.tool.call.arguments", "gen_ai.tool.call.result") { return found }
        if let found = fromGenAIEvents(events) { return found }
        if let found = fromContentEvents(events) { return found }

        // Google ADK: tool args/response when the LLM request/response are empty.
        var vertexIn = attributes.first(["gcp.vertex.agent.llm_request"]).map(value)
        var vertexOut = attributes.first(["gcp.vertex.agent.llm_response"]).map(value)
        if vertexIn == nil || vertexIn == .object([:]) || vertexIn == .string("{}") { vertexIn = attributes.first(["gcp.vertex.agent.tool_call_args"]).map(value) }
        if vertexOut == nil || vertexOut == .object([:]) || vertexOut == .string("{}") { vertexOut = attributes.first(["gcp.vertex.agent.tool_response"]).map(value) }
        if vertexIn != nil || vertexOut != nil { return Result(input: vertexIn, output: vertexOut) }

        if let found = pair(attributes, "prompt", "all_messages_events") { return found }
        if let found = pair(attributes, ["lk.input_text", "lk.user_transcript", "lk.chat_ctx"], ["lk.function_tool.output", "lk.response.text"]) { return found }
        if let found = logfireEvents(attributes) { return found }
        if let found = pair(attributes, "mlflow.spanInputs", "mlflow.spanOutputs") { return found }
        if let found = pair(attributes, "traceloop.entity.input", "traceloop.entity.output") { return found }
        if let found = pair(attributes, "input.value", "output.value") { return found }
        if let found = pair(attributes, "input", "output") { return found }
        if scopeName == "pydantic-ai", let found = pair(attributes, "pydantic_ai.all_messages", "final_result") { return found }
        if let found = pair(attributes, "tool_arguments", "tool_response") { return found }
        if let found = flattened(attributes, input: "gen_ai.prompt", output: "gen_ai.completion") { return found }
        if let found = flattened(attributes, input: "llm.input_messages", output: "llm.output_messages") { return found }
        return Result()
    }

    /// An attribute as input/output: text holding a JSON object or array is parsed; anything else as JSON.
    static func value(_ attribute: AttributeValue) -> JSONValue {
        if case .string(let text) = attribute, let parsed = BoundedJSON.parseContainer(text) { return parsed }
        return attribute.json
    }

    private static func pair(_ attributes: SpanAttributes, _ inputKey: String, _ outputKey: String) -> Result? {
        pair(attributes, [inputKey], [outputKey])
    }

    private static func pair(_ attributes: SpanAttributes, _ inputKeys: [String], _ outputKeys: [String]) -> Result? {
        let input = attributes.first(inputKeys)
        let output = attributes.first(outputKeys)
        guard input != nil || output != nil else { return nil }
        return Result(input: input.map(value), output: output.map(value))
    }

    private static func vercel(_ attributes: SpanAttributes) -> Result {
        let input = ["ai.prompt.messages", "ai.prompt", "ai.toolCall.args"].lazy.compactMap { attributes[$0] }.first.map(value)
        var output: JSONValue?
        if let text = attributes["ai.response.text"], let calls = attributes["ai.response.toolCalls"] {
            output = ["role": "assistant", "content": value(text), "tool_calls": value(calls)]
        } else if let text = attributes["ai.response.text"], text.isTruthy {
            output = value(text)
        } else {
            output = ["ai.result.text", "ai.toolCall.result", "ai.response.object", "ai.result.object", "ai.response.toolCalls", "ai.result.toolCalls"]
                .lazy.compactMap { attributes[$0] }.first.map(value)
        }
        return Result(input: input, output: output)
    }

    /// GenAI message events: `gen_ai.{system,user,assistant,tool}.message` → input, `gen_ai.choice` → output.
    private static func fromGenAIEvents(_ events: [SpanEventRecord]) -> Result? {
        let roles = ["gen_ai.system.message": "system", "gen_ai.user.message": "user",
                     "gen_ai.assistant.message": "assistant", "gen_ai.tool.message": "tool"]
        var inputs: [JSONValue] = []
        var outputs: [JSONValue] = []
        for event in events {
            if let role = roles[event.name] {
                var object = attributesObject(event.attributes)
                if object["role"] == nil { object["role"] = .string(role) }
                inputs.append(.object(object))
            } else if event.name == "gen_ai.choice" {
                outputs.append(.object(attributesObject(event.attributes)))
            }
        }
        guard !inputs.isEmpty || !outputs.isEmpty else { return nil }
        return Result(input: inputs.isEmpty ? nil : .array(inputs),
                      output: outputs.isEmpty ? nil : outputs.count == 1 ? outputs[0] : .array(outputs))
    }

    /// Semantic Kernel's `gen_ai.content.prompt` / `gen_ai.content.completion` events.
    private static func fromContentEvents(_ events: [SpanEventRecord]) -> Result? {
        let prompt = events.first { $0.name == "gen_ai.content.prompt" }
        let completion = events.first { $0.name == "gen_ai.content.completion" }
        guard prompt != nil || completion != nil else { return nil }
        func content(_ event: SpanEventRecord?, key: String) -> JSONValue? {
            guard let event else { return nil }
            if let inner = event.attributes[key] { return value(inner) }
            return .object(attributesObject(event.attributes))
        }
        return Result(input: content(prompt, key: "gen_ai.prompt"), output: content(completion, key: "gen_ai.completion"))
    }

    /// Logfire's single `events` attribute: `gen_ai.choice` is the output, everything else the input.
    private static func logfireEvents(_ attributes: SpanAttributes) -> Result? {
        guard let raw = attributes["events"] else { return nil }
        let list: [JSONValue]
        switch raw {
        case .string(let text): list = BoundedJSON.parse(text)?.arrayValue ?? []
        case .array: list = raw.json.arrayValue ?? []
        default: return nil
        }
        let choice = list.first { $0.objectValue?["event.name"] == .string("gen_ai.choice") }
        let inputs = list.filter { $0.objectValue?["event.name"] != .string("gen_ai.choice") }
        guard choice != nil || !inputs.isEmpty else { return nil }
        return Result(input: inputs.isEmpty ? nil : .array(inputs), output: choice)
    }

    /// Flattened messages (`gen_ai.prompt.0.role`, `llm.input_messages.0.message.content`) rebuilt as nested JSON.
    private static func flattened(_ attributes: SpanAttributes, input: String, output: String) -> Result? {
        let inputs = attributes.withPrefix(input)
        let outputs = attributes.withPrefix(output)
        guard !inputs.isEmpty || !outputs.isEmpty else { return nil }
        return Result(input: inputs.isEmpty ? nil : KeyPathTree.build(inputs, prefix: input),
                      output: outputs.isEmpty ? nil : KeyPathTree.build(outputs, prefix: output))
    }

    static func attributesObject(_ attributes: [String: AttributeValue]) -> [String: JSONValue] {
        attributes.mapValues(\.json)
    }
}

/// Rebuilds nested JSON from dotted attribute keys; numeric segments become array positions.
enum KeyPathTree {
    /// Path segments beyond this stay joined in the last key (bounds recursion on hostile keys).
    static let maxSegments = 32

    private indirect enum Node {
        case leaf(JSONValue)
        case branch([String: Node])
    }

    static func build(_ entries: [(key: String, value: AttributeValue)], prefix: String) -> JSONValue {
        if let exact = entries.first(where: { $0.key == prefix }) { return InputOutputExtraction.value(exact.value) }
        var root: [String: Node] = [:]
        for (key, value) in entries.sorted(by: { $0.key < $1.key }) {
            guard key.hasPrefix(prefix + ".") else { continue }
            var segments = key.dropFirst(prefix.count + 1).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if segments.count > maxSegments {
                let tail = segments[(maxSegments - 1)...].joined(separator: ".")
                segments = Array(segments[..<(maxSegments - 1)]) + [tail]
            }
            insert(&root, segments[...], .leaf(InputOutputExtraction.value(value)))
        }
        return json(.branch(root))
    }

    private static func insert(_ tree: inout [String: Node], _ path: ArraySlice<String>, _ leaf: Node) {
        guard let head = path.first else { return }
        let rest = path.dropFirst()
        if rest.isEmpty {
            tree[head] = leaf
            return
        }
        var child: [String: Node]
        if case .branch(let existing)? = tree[head] { child = existing } else { child = [:] }
        insert(&child, rest, leaf)
        tree[head] = .branch(child)
    }

    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case .leaf(let value):
            return value
        case .branch(let children):
            let indices = children.keys.compactMap { Int($0) }
            if !children.isEmpty, indices.count == children.count, indices.allSatisfy({ $0 >= 0 }) {
                return .array(children.compactMap { key, child in Int(key).map { ($0, child) } }.sorted { $0.0 < $1.0 }.map { json($0.1) })
            }
            return .object(children.mapValues(json))
        }
    }
}
