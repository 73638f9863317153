import LanternPluginSDK

/// Reads Langfuse metadata out of attributes: the whole-object key and the flattened `<prefix>.<key>` keys.
struct MetadataExtraction {
    enum Domain {
        case trace, observation

        var prefix: String { self == .trace ? "langfuse.trace.metadata" : "langfuse.observation.metadata" }
    }

    let client: ClientInfo

    /// Vercel AI SDK keys under `ai.telemetry.metadata` that are trace fields, not metadata.
    static let vercelTraceKeys: Set<String> = [
        "ai.telemetry.metadata.userId", "ai.telemetry.metadata.sessionId",
        "ai.telemetry.metadata.tags", "ai.telemetry.metadata.langfusePrompt",
    ]

    /// The metadata of `domain`: `<prefix>` (a JSON object, or `langfuse.metadata`) overlaid by the flattened keys
    /// `<prefix>.<k>`, `langfuse.metadata.<k>` and `ai.telemetry.metadata.<k>`.
    func extract(_ attributes: SpanAttributes, _ domain: Domain) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        if let whole = attributes.first([domain.prefix, "langfuse.metadata"]) {
            switch whole {
            case .string(let text):
                if let object = BoundedJSON.parseObject(text) {
                    result = object
                } else if client.jsonEncodedMetadata, let decoded = BoundedJSON.parse(text) {
                    result = decoded.objectValue ?? ["metadata": decoded]
                } else {
                    result = ["metadata": .string(text)]
                }
            case .kvlist:
                result = whole.json.objectValue ?? [:]
            default:
                result = ["metadata": whole.json]
            }
        }
        for prefix in [domain.prefix, "langfuse.metadata", "ai.telemetry.metadata"] {
            let dotted = prefix + "."
            for (key, value) in attributes.withPrefix(dotted) where !Self.vercelTraceKeys.contains(key) {
                let name = String(key.dropFirst(dotted.count))
                guard !name.isEmpty else { continue }
                result[name] = decodedValue(key: key, value)
            }
        }
        if let tools = attributes["ai.prompt.tools"], tools.isTruthy { result["tools"] = tools.json }
        return result
    }

    /// A flattened metadata value: JSON-decoded when the client JSON-encodes metadata values (SDK v5) and the key
    /// is a Langfuse metadata key; otherwise the attribute's own value. Text that does not decode stays text.
    func decodedValue(key: String, _ value: AttributeValue) -> JSONValue {
        if client.jsonEncodedMetadata, key.hasPrefix("langfuse.trace.metadata.") || key.hasPrefix("langfuse.observation.metadata."),
           case .string(let text) = value, let decoded = BoundedJSON.parse(text) {
            return decoded
        }
        return value.json
    }

    /// The value of a flattened metadata key as text (decoded for SDK v5), when truthy.
    func text(_ attributes: SpanAttributes, _ key: String) -> String? {
        guard let value = attributes[key], value.isTruthy else { return nil }
        switch decodedValue(key: key, value) {
        case .string(let text): return text.isEmpty ? nil : text
        case .null: return nil
        case let other: return other.jsonText
        }
    }
}
