import Foundation
import LanternPluginSDK

/// The detail pane of the trace page: the selected observation (or the trace) with its input and output rendered as
/// chat messages when they look like OpenAI/Anthropic-style messages, as indented JSON otherwise.
enum NodeDetail {
    static func trace(_ trace: [String: JSONValue]) -> [String: Any] {
        [
            "heading": trace["name"]?.stringValue ?? "Trace", "kind": "TRACE", "kindClass": "trace",
            "input": Payload.render(trace["input"]), "output": Payload.render(trace["output"]), "metadata": Payload.render(trace["metadata"]),
        ]
    }

    static func observation(_ o: [String: JSONValue]) -> [String: Any] {
        let usage = (o["usageDetails"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { ["key": $0.key, "value": Formatting.number($0.value.numberValue)] }
        let costs = (o["costDetails"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.map { ["key": $0.key, "value": Formatting.cost($0.value.numberValue)] }
        var detail: [String: Any] = [
            "heading": o["name"]?.stringValue ?? o["id"]?.stringValue ?? "Observation", "kind": o["type"]?.stringValue ?? "SPAN",
            "kindClass": (o["type"]?.stringValue ?? "span").lowercased(), "model": Formatting.present(o["model"]?.stringValue),
            "level": Formatting.present(o["level"]?.stringValue), "statusMessage": Formatting.present(o["statusMessage"]?.stringValue),
            "start": Formatting.present(Formatting.timestamp(o["startTime"]?.stringValue)), "usage": usage, "costs": costs,
            "hasUsage": !usage.isEmpty || !costs.isEmpty,
            "input": Payload.render(o["input"]), "output": Payload.render(o["output"]), "metadata": Payload.render(o["metadata"]),
        ]
        let prices = [("input", o["inputPrice"]?.numberValue), ("output", o["outputPrice"]?.numberValue)].compactMap { name, price in
            price.map { "$\(Formatting.number(($0 * 1_000_000 * 1000).rounded() / 1000)) per 1M \(name) tokens" }
        }
        if !prices.isEmpty { detail["price"] = prices.joined(separator: ", ") }
        if let prompt = o["promptName"]?.stringValue {
            detail["prompt"] = ["name": prompt, "version": o["promptVersion"]?.numberValue.map { String(Int($0)) } ?? ""]
        }
        return detail
    }
}

/// One input, output or metadata value for the page: messages, or pretty JSON, or nothing.
enum Payload {
    /// Data URIs longer than this are not inlined (a placeholder says what they were).
    static let inlineImageLimit = 200_000

    static func render(_ value: JSONValue?) -> Any {
        guard let value, value != .null, value != .object([:]) else { return false }
        if let messages = messages(in: value) { return ["messages": messages, "hasMessages": true, "json": PrettyJSON.text(value)] }
        return ["hasMessages": false, "json": PrettyJSON.text(value)]
    }

    /// The chat messages of `value`: a list of `{role, content}`, or an object holding one under `messages`.
    static func messages(in value: JSONValue) -> [[String: Any]]? {
        let single: [JSONValue]? = value.objectValue?["role"]?.stringValue != nil ? [value] : nil
        let list = value.arrayValue ?? value.objectValue?["messages"]?.arrayValue ?? single
        guard let list, !list.isEmpty else { return nil }
        let objects = list.compactMap(\.objectValue)
        guard objects.count == list.count, objects.allSatisfy({ $0["role"]?.stringValue != nil }) else { return nil }
        return objects.map(message)
    }

    private static func message(_ object: [String: JSONValue]) -> [String: Any] {
        var texts: [String] = [], images: [[String: Any]] = [], tools: [[String: Any]] = []
        switch object["content"] {
        case .string(let text)?: texts.append(text)
        case .array(let parts)?:
            for part in parts.compactMap(\.objectValue) {
                if let text = part["text"]?.stringValue { texts.append(text) }
                if let url = part["image_url"]?.objectValue?["url"]?.stringValue ?? part["image_url"]?.stringValue { images.append(image(url)) }
                if part["type"]?.stringValue == "tool_use" {
                    tools.append(["name": part["name"]?.stringValue ?? "tool", "arguments": PrettyJSON.text(part["input"] ?? .null)])
                }
                if part["type"]?.stringValue == "tool_result" { texts.append(Formatting.preview(part["content"], limit: 4_000)) }
            }
        case let other?: if other != .null { texts.append(PrettyJSON.text(other)) }
        case nil: break
        }
        for call in (object["tool_calls"]?.arrayValue ?? []).compactMap(\.objectValue) {
            let function = call["function"]?.objectValue ?? [:]
            let arguments = function["arguments"]?.stringValue.flatMap { try? JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            tools.append(["name": function["name"]?.stringValue ?? "function",
                          "arguments": arguments.map(PrettyJSON.text) ?? function["arguments"]?.stringValue ?? ""])
        }
        let role = object["role"]?.stringValue ?? "message"
        return ["role": role, "roleClass": role.lowercased().filter(\.isLetter), "text": texts.joined(separator: "\n\n"), "images": images,
                "tools": tools]
    }

    private static func image(_ url: String) -> [String: Any] {
        if url.hasPrefix("data:"), url.count > inlineImageLimit { return ["placeholder": "image (\(url.count / 1024) KiB inline data, not shown)"] }
        if url.hasPrefix("data:image/") || url.hasPrefix("/") { return ["src": url] }
        return ["link": url]
    }
}
