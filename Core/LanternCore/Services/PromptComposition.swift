import Foundation
import LanternPluginSDK

/// Prompt composition (contract §4): a prompt's text may embed other text prompts with
/// `@@@langfusePrompt:name=NAME|version=N@@@` or `@@@langfusePrompt:name=NAME|label=LABEL@@@`. Resolving replaces
/// each reference with the referenced prompt's (itself resolved) text and records which prompt used which.
struct PromptComposition {
    /// A reference that cannot be resolved; the message names it.
    struct Failure: Error {
        let message: String
    }

    /// How deep references may nest (Langfuse allows five levels).
    static let maxDepth = 5
    static let opening = "@@@langfusePrompt:"
    static let closing = "@@@"

    let projectID: String
    let storage: any StorageBackend

    /// `prompt` with every reference resolved, and the resolution graph (nil when it references nothing):
    /// `{root: {id, name, version}, dependencies: {<parent id>: [{id, name, version}, …]}}`.
    func resolve(_ prompt: Prompt) async throws -> (prompt: Prompt, graph: JSONValue?) {
        var dependencies: [String: [JSONValue]] = [:]
        var resolved = prompt
        resolved.prompt = try await resolveBody(prompt.prompt, of: prompt, path: [prompt.name], dependencies: &dependencies)
        guard !dependencies.isEmpty else { return (resolved, nil) }
        let graph: JSONValue = ["root": Self.node(prompt), "dependencies": .object(dependencies.mapValues(JSONValue.array))]
        return (resolved, graph)
    }

    private func resolveBody(_ body: JSONValue, of owner: Prompt, path: [String], dependencies: inout [String: [JSONValue]]) async throws -> JSONValue {
        switch body {
        case .string(let text):
            return .string(try await resolveText(text, of: owner, path: path, dependencies: &dependencies))
        case .array(let messages):
            var resolved: [JSONValue] = []
            for message in messages {
                guard case .object(var object) = message, case .string(let content)? = object["content"] else {
                    resolved.append(message)
                    continue
                }
                object["content"] = .string(try await resolveText(content, of: owner, path: path, dependencies: &dependencies))
                resolved.append(.object(object))
            }
            return .array(resolved)
        default:
            return body
        }
    }

    private func resolveText(_ text: String, of owner: Prompt, path: [String], dependencies: inout [String: [JSONValue]]) async throws -> String {
        guard text.contains(Self.opening) else { return text }
        var output = ""
        var rest = text[...]
        while let start = rest.range(of: Self.opening) {
            output += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: Self.closing) else {
                throw Failure(message: "Unterminated prompt reference in prompt '\(owner.name)': \(rest[start.lowerBound...].prefix(80))")
            }
            let reference = try Reference(parsing: String(rest[start.upperBound..<end.lowerBound]))
            guard path.count <= Self.maxDepth else {
                throw Failure(message: "Prompt references nest deeper than \(Self.maxDepth) levels: \(path.joined(separator: " -> "))")
            }
            if path.contains(reference.name) {
                throw Failure(message: "Circular prompt reference: \((path + [reference.name]).joined(separator: " -> "))")
            }
            let child = try await lookUp(reference)
            guard child.kind == .text, case .string = child.prompt else {
                throw Failure(message: "Prompt reference \(reference.text) points to a chat prompt; only text prompts can be embedded")
            }
            if !(dependencies[owner.id] ?? []).contains(Self.node(child)) { dependencies[owner.id, default: []].append(Self.node(child)) }
            if case .string(let childText) = try await resolveBody(child.prompt, of: child, path: path + [child.name], dependencies: &dependencies) {
                output += childText
            }
            rest = rest[end.upperBound...]
        }
        return output + rest
    }

    private func lookUp(_ reference: Reference) async throws -> Prompt {
        let found = switch reference.selector {
        case .version(let version): try await storage.promptVersion(projectID: projectID, name: reference.name, version: version)
        case .label(let label): try await storage.promptVersion(projectID: projectID, name: reference.name, label: label)
        }
        guard let found else { throw Failure(message: "Prompt reference not found: \(reference.text)") }
        return found
    }

    private static func node(_ prompt: Prompt) -> JSONValue {
        ["id": .string(prompt.id), "name": .string(prompt.name), "version": .number(Double(prompt.version))]
    }

    /// One `name=…|version=…` or `name=…|label=…` reference.
    struct Reference {
        enum Selector { case version(Int), label(String) }
        let name: String
        let selector: Selector
        let text: String

        init(parsing text: String) throws {
            self.text = text
            var fields: [String: String] = [:]
            for part in text.split(separator: "|") {
                let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { throw Failure(message: "Invalid prompt reference '\(text)': expected key=value parts") }
                fields[pair[0]] = pair[1]
            }
            guard let name = fields["name"], !name.isEmpty else { throw Failure(message: "Invalid prompt reference '\(text)': name is required") }
            self.name = name
            switch (fields["version"], fields["label"]) {
            case (let version?, nil):
                guard let number = Int(version), number >= 1 else { throw Failure(message: "Invalid prompt reference '\(text)': version must be a whole number from 1") }
                selector = .version(number)
            case (nil, let label?):
                selector = .label(label)
            default:
                throw Failure(message: "Invalid prompt reference '\(text)': give either version or label")
            }
        }
    }
}
