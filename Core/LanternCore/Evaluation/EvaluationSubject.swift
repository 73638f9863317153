import LanternPluginSDK

/// What a rule looks at: the target observation or trace, with the trace it belongs to and, for experiments, the
/// dataset item. Filters and variable mappings read their fields from here.
struct EvaluationSubject: Sendable {
    var trace: Trace
    var observation: Observation?
    var datasetItem: DatasetItem?

    /// A field's value for a filter.
    enum Field: Sendable, Hashable {
        case text(String?)
        case texts([String])
        case number(Double?)
        case flag(Bool)
    }

    /// The value of a filter column (`key` for `metadata`).
    func field(_ column: String, key: String?) -> Field {
        switch column {
        case "type": .text(observation?.type.rawValue)
        case "name": .text(observation?.name ?? (observation == nil ? trace.name : nil))
        case "environment": .text(observation?.environment ?? trace.environment)
        case "level": .text(observation?.level.rawValue)
        case "version": .text(observation?.version ?? trace.version)
        case "model": .text(observation?.model)
        case "release": .text(trace.release)
        case "traceName": .text(trace.name)
        case "userId": .text(trace.userID)
        case "sessionId": .text(trace.sessionID)
        case "tags": .texts(trace.tags)
        case "metadata": .text(key.flatMap { metadataText(($0)) })
        case "isRootObservation": .flag(observation.map { $0.parentObservationID == nil } ?? true)
        case "parentObservationId": .text(observation?.parentObservationID)
        case "calledToolNames": .texts(ToolCalls.of(observation).compactMap { $0.objectValue?["name"]?.stringValue })
        case "toolCalls": .number(Double(ToolCalls.of(observation).count))
        case "datasetId": .text(datasetItem?.datasetID)
        default: .text(nil)
        }
    }

    /// The value a variable mapping's source names, before its JSON path.
    func source(_ name: String) -> JSONValue? {
        switch name {
        case "input": observation?.input ?? trace.input
        case "output": observation?.output ?? trace.output
        case "metadata": .object(observation?.metadata ?? trace.metadata)
        case "tool_calls": .array(ToolCalls.of(observation))
        case "expected_output": datasetItem?.expectedOutput
        case "experiment_item_metadata": datasetItem?.metadata
        default: nil
        }
    }

    private func metadataText(_ key: String) -> String? {
        guard let value = observation?.metadata[key] ?? trace.metadata[key] else { return nil }
        if case .string(let text) = value { return text }
        return value.jsonText
    }
}

/// The tool calls an observation's output records, as `{id, name, arguments, type, index}` in the order emitted:
/// OpenAI messages (`tool_calls`, also inside `choices[].message`) and Anthropic `tool_use` blocks.
enum ToolCalls {
    static func of(_ observation: Observation?) -> [JSONValue] {
        guard let output = observation?.output else { return [] }
        var calls: [JSONValue] = []
        collect(output, into: &calls, depth: 0)
        return calls.enumerated().map { index, call in
            guard case .object(var object) = call else { return call }
            object["index"] = .number(Double(index))
            return .object(object)
        }
    }

    private static func collect(_ value: JSONValue, into calls: inout [JSONValue], depth: Int) {
        guard depth < 8 else { return }
        switch value {
        case .array(let items):
            for item in items { collect(item, into: &calls, depth: depth + 1) }
        case .object(let object):
            if case .array(let toolCalls)? = object["tool_calls"] {
                for call in toolCalls {
                    let function = call.objectValue?["function"]?.objectValue
                    calls.append(["id": call.objectValue?["id"] ?? .null, "name": function?["name"] ?? .null,
                                  "arguments": function?["arguments"] ?? .null, "type": call.objectValue?["type"] ?? "function"])
                }
            } else if object["type"] == "tool_use" {
                calls.append(["id": object["id"] ?? .null, "name": object["name"] ?? .null, "arguments": object["input"] ?? .null, "type": "tool_use"])
            } else {
                for key in ["choices", "message", "content", "messages"] {
                    if let nested = object[key] { collect(nested, into: &calls, depth: depth + 1) }
                }
            }
        default: break
        }
    }
}
