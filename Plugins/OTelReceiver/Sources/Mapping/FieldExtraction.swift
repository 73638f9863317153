import Foundation
import LanternPluginSDK

/// Reads the single-valued Langfuse fields out of a span's attributes (contract §3.1).
struct FieldExtraction {
    let attributes: SpanAttributes
    let resource: SpanAttributes
    let scope: ScopeRecord
    let metadata: MetadataExtraction

    // MARK: names and identity

    /// The observation name: tool / Logfire / Vercel names, then the span name.
    func observationName(spanName: String) -> String? {
        if let name = attributes.firstText(["gen_ai.tool.name", "genkit:name", "logfire.msg"]) { return name }
        if let name = attributes["ai.toolCall.name"]?.text, !name.isEmpty { return name }
        if let operation = attributes["ai.operationId"]?.text, !operation.isEmpty {
            if let function = attributes.text("ai.telemetry.functionId") { return function + ":" + operation }
            return operation
        }
        return spanName.isEmpty ? nil : spanName
    }

    var userID: String? {
        attributes.firstText(["langfuse.user.id", "user.id"])
            ?? metadata.text(attributes, "langfuse.observation.metadata.langfuse_user_id")
            ?? metadata.text(attributes, "langfuse.trace.metadata.langfuse_user_id")
            ?? attributes.text("ai.telemetry.metadata.userId")
    }

    var sessionID: String? {
        attributes.firstText(["langfuse.session.id", "session.id", "gen_ai.conversation.id"])
            ?? metadata.text(attributes, "langfuse.observation.metadata.langfuse_session_id")
            ?? metadata.text(attributes, "langfuse.trace.metadata.langfuse_session_id")
            ?? attributes.text("ai.telemetry.metadata.sessionId")
    }

    /// Tags from an array, a JSON array string, a comma-separated string or a single string; nil when none.
    var tags: [String]? {
        let keys = ["langfuse.trace.tags", "langfuse.tags", "langfuse.observation.metadata.langfuse_tags",
                    "langfuse.trace.metadata.langfuse_tags", "ai.telemetry.metadata.tags", "tag.tags"]
        guard let key = keys.first(where: { attributes[$0]?.isTruthy == true }), let raw = attributes[key] else { return nil }
        let value: JSONValue = key.contains(".metadata.") ? metadata.decodedValue(key: key, raw) : raw.json
        let tags: [String]
        switch value {
        case .array(let items):
            tags = items.map { $0.stringValue ?? $0.jsonText }
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("["), let items = BoundedJSON.parse(trimmed)?.arrayValue {
                tags = items.map { $0.stringValue ?? $0.jsonText }
            } else if text.contains(",") {
                tags = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            } else {
                tags = [text]
            }
        case .null:
            tags = []
        case let other:
            tags = [other.jsonText]
        }
        let cleaned = tags.filter { !$0.isEmpty }
        return cleaned.isEmpty ? nil : cleaned
    }

    /// `langfuse.trace.public` › `langfuse.public`: true for `true` or `"true"`, false for anything else present.
    var isPublic: Bool? {
        guard let value = attributes["langfuse.trace.public"] ?? attributes["langfuse.public"] else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string(let text): return text.lowercased() == "true"
        default: return false
        }
    }

    var version: String? { attributes.text("langfuse.version") ?? resource.text("service.version") }

    var release: String? { attributes.text("langfuse.release") ?? resource.text("langfuse.release") }

    /// The normalised environment: each key on the span first, then on the resource.
    var environment: String {
        for key in ["langfuse.environment", "deployment.environment.name", "deployment.environment"] {
            if let value = attributes.text(key) ?? resource.text(key) { return EnvironmentName.normalize(value) }
        }
        return EnvironmentName.fallback
    }

    // MARK: level and status

    func level(statusCode: Int) -> ObservationLevel {
        if let raw = attributes.text("langfuse.observation.level")?.uppercased(), let level = Self.levelAliases[raw] { return level }
        return statusCode == 2 ? .error : .default
    }

    private static let levelAliases: [String: ObservationLevel] = [
        "DEBUG": .debug, "TRACE": .debug, "VERBOSE": .debug,
        "DEFAULT": .default, "INFO": .default, "LOG": .default, "NOTICE": .default, "OK": .default, "SUCCESS": .default,
        "WARNING": .warning, "WARN": .warning,
        "ERROR": .error, "FATAL": .error, "CRITICAL": .error,
    ]

    /// `langfuse.observation.status_message` › span status message › the first `exception` event's message.
    func statusMessage(spanStatus: String, events: [SpanEventRecord]) -> String? {
        if let message = attributes.text("langfuse.observation.status_message") { return message }
        if !spanStatus.isEmpty { return spanStatus }
        for event in events where event.name == "exception" {
            let exception = SpanAttributes(event.attributes)
            let type = exception.text("exception.type")
            if let message = exception.text("exception.message") { return type.map { "\($0): \(message)" } ?? message }
            if let type { return type }
        }
        return nil
    }

    // MARK: model

    var model: String? {
        attributes.firstText(["langfuse.observation.model.name", "gen_ai.response.model", "ai.model.id", "gen_ai.request.model",
                              "llm.response.model", "llm.model_name", "model"])
    }

    /// Model parameters: explicit JSON, Vercel settings, OpenInference invocation parameters, `model_config`,
    /// then every `gen_ai.request.*` / `llm.invocation_parameters.*` key. Values other than strings and numbers
    /// become JSON text. nil when empty.
    var modelParameters: [String: JSONValue]? {
        func sanitized(_ object: [String: JSONValue]) -> [String: JSONValue]? {
            var result: [String: JSONValue] = [:]
            for (key, value) in object {
                switch value {
                case .string, .number: result[key] = value
                case .null: continue
                default: result[key] = .string(value.jsonText)
                }
            }
            return result.isEmpty ? nil : result
        }
        if let text = attributes.text("langfuse.observation.model.parameters"), let object = BoundedJSON.parseObject(text) {
            return sanitized(object)
        }
        if scope.name == "ai" {
            let mapping: [(String, [String])] = [
                ("maxSteps", ["ai.settings.maxSteps"]), ("toolChoice", ["ai.prompt.toolChoice"]),
                ("maxTokens", ["gen_ai.request.max_tokens"]), ("finishReason", ["gen_ai.response.finish_reasons", "gen_ai.finishReason"]),
                ("system", ["gen_ai.system", "ai.model.provider"]), ("maxRetries", ["ai.settings.maxRetries"]),
                ("mode", ["ai.settings.mode"]), ("temperature", ["gen_ai.request.temperature"]),
            ]
            var result: [String: JSONValue] = [:]
            for (name, keys) in mapping {
                if let key = keys.first(where: { attributes.has($0) }), let value = attributes[key] { result[name] = .string(value.text) }
            }
            return result.isEmpty ? nil : result
        }
        for key in ["llm.invocation_parameters", "model_config"] {
            if let text = attributes.text(key), let object = BoundedJSON.parseObject(text) { return sanitized(object) }
        }
        var collected: [String: JSONValue] = [:]
        for prefix in ["gen_ai.request.", "llm.invocation_parameters."] {
            for (key, value) in attributes.withPrefix(prefix) {
                let name = String(key.dropFirst(prefix.count))
                if name.isEmpty || name == "model" { continue }
                collected[name] = value.json
            }
        }
        return sanitized(collected)
    }

    // MARK: timing and prompt

    /// `langfuse.observation.completion_start_time` (ISO, possibly JSON-quoted) › start + `ai.response.msToFirstChunk`.
    func completionStartTime(start: Date?) -> Date? {
        if let raw = attributes.text("langfuse.observation.completion_start_time") {
            if let date = ISO8601Timestamp.parse(raw.trimmingCharacters(in: .whitespaces)) { return date }
            if case .string(let unquoted)? = BoundedJSON.parse(raw), let date = ISO8601Timestamp.parse(unquoted.trimmingCharacters(in: .whitespaces)) { return date }
        }
        if let start, let ms = (attributes["ai.response.msToFirstChunk"] ?? attributes["ai.stream.msToFirstChunk"])?.number, ms >= 0, ms < 1e12 {
            return start.addingTimeInterval(ms.rounded(.up) / 1000)
        }
        return nil
    }

    /// Prompt name and version (both or neither).
    var prompt: (name: String, version: Int)? {
        let pairs = [("langfuse.observation.prompt.name", "langfuse.observation.prompt.version"),
                     ("langfuse.prompt.name", "langfuse.prompt.version")]
        for (nameKey, versionKey) in pairs {
            if let name = attributes.text(nameKey), let version = attributes[versionKey].flatMap(Self.integer) { return (name, version) }
        }
        if let text = attributes.text("ai.telemetry.metadata.langfusePrompt"), let object = BoundedJSON.parseObject(text),
           let name = object["name"]?.stringValue, !name.isEmpty,
           let version = object["version"].flatMap({ $0.numberValue ?? $0.stringValue.flatMap { Double($0) } }).flatMap(Self.wholeNumber) {
            return (name, version)
        }
        return nil
    }

    /// An integral value in `Int32` range from an int, a whole double or a numeric string.
    static func integer(_ value: AttributeValue) -> Int? {
        value.number.flatMap(wholeNumber)
    }

    static func wholeNumber(_ number: Double) -> Int? {
        guard number.isFinite, number.rounded() == number, abs(number) <= Double(Int32.max) else { return nil }
        return Int(number)
    }
}
