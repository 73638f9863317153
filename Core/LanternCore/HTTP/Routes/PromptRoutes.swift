import Foundation
import Hummingbird
import LanternPluginSDK

/// Prompt management: create versions, list names, fetch by version or label (references resolved), move labels, delete.
struct PromptRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/v2/prompts", use: create)
        group.get("/v2/prompts/:name", use: get)
        group.get("/v2/prompts", use: list)
        group.delete("/v2/prompts/:name", use: delete)
        group.get("/v2/prompts/:name/versions/:version/generations", use: generations)
        group.patch("/v2/prompts/:name/versions/:version", use: setLabels)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let body = try await JSONResponse.body(of: request, limit: maxBodyBytes)
        let draft = try PromptValidation.draft(from: body, projectID: principal.projectID)
        let inheritTags = body.objectValue?["tags"] == nil || body.objectValue?["tags"] == .null
        let created = try await support.services.prompts.create(principal, draft, inheritTags: inheritTags)
        return JSONResponse.make(.created, CatalogPresenters.prompt(created))
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let name = try support.parameter("name", context)
        let reader = QueryReader(request)
        let version = try reader.integer("version", in: 1...Int(Int32.max))
        let resolve = reader.string("resolve")?.lowercased() != "false"
        let found = try await support.services.prompts.get(try context.principal(), name: name, version: version, label: reader.string("label"),
                                                           resolve: resolve)
        return JSONResponse.make(.ok, CatalogPresenters.prompt(found.prompt, resolutionGraph: found.graph))
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let reader = QueryReader(request)
        let filter = PromptListing.Filter(name: reader.string("name"), label: reader.string("label"), tag: reader.string("tag"),
                                          fromUpdatedAt: try reader.date("fromUpdatedAt"), toUpdatedAt: try reader.date("toUpdatedAt"))
        let page = try await support.services.prompts.list(try context.principal(), filter: filter, page: try reader.page(defaultLimit: 10))
        guard case .object(var body) = Presenters.page(page, PromptListing.present) else { return JSONResponse.make(.ok, .null) }
        body["pagination"] = body["meta"]
        return JSONResponse.make(.ok, .object(body))
    }

    @Sendable func delete(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let reader = QueryReader(request)
        try await support.services.prompts.delete(try context.principal(), name: try support.parameter("name", context),
                                                  version: try reader.integer("version", in: 1...Int(Int32.max)), label: reader.string("label"))
        return Response(status: .noContent)
    }

    @Sendable func generations(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let found = try await support.services.prompts.generations(try context.principal(), name: try support.parameter("name", context),
                                                                   version: try version(context), page: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(found.page) { generation in
            guard case .object(var object) = Presenters.observation(generation, promptIDs: found.promptIDs, models: support.runtime.models) else {
                return .null
            }
            object["scores"] = .array((found.scores[generation.id] ?? []).map(Presenters.score))
            return .object(object)
        })
    }

    @Sendable func setLabels(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let name = try support.parameter("name", context)
        let version = try version(context)
        let body = try await JSONResponse.body(of: request, limit: maxBodyBytes)
        let labels = try PromptValidation.labels(body.objectValue?["newLabels"], field: "newLabels", required: true)
        let updated = try await support.services.prompts.setLabels(principal, name: name, version: version, labels: labels)
        return JSONResponse.make(.ok, CatalogPresenters.prompt(updated))
    }

    private func version(_ context: LanternRequestContext) throws -> Int {
        guard let version = Int(try support.parameter("version", context)), version >= 1 else {
            throw APIError.badRequest("version must be a whole number from 1")
        }
        return version
    }
}

/// The rules of a prompt create request (contract §4): name, type, prompt shape, labels and tags.
/// Absent or null `tags` keep the tags of the name's newest version (the route fills them in).
enum PromptValidation {
    static func draft(from body: JSONValue, projectID: String) throws -> Prompt {
        guard case .object(let object) = body else { throw APIError.badRequest("body: expected a prompt object") }
        guard case .string(let name)? = object["name"], !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("name: is required")
        }
        if name.hasPrefix("/") || name.hasSuffix("/") || name.contains("//") || name.contains("|") {
            throw APIError.badRequest("name: must not start or end with '/', contain '//' or contain '|' (got \(name))")
        }
        if reservedNames.contains(name) { throw APIError.badRequest("name: '\(name)' is reserved") }
        let kind = Prompt.Kind(rawValue: object["type"]?.stringValue ?? "text")
        guard kind == .text || kind == .chat else { throw APIError.badRequest("type: must be text or chat") }
        guard let prompt = object["prompt"] else { throw APIError.badRequest("prompt: is required") }
        try validateBody(prompt, kind: kind)
        var tags: [String] = []
        if let raw = object["tags"], raw != .null {
            guard let list = raw.arrayValue, list.allSatisfy({ $0.stringValue != nil }) else { throw APIError.badRequest("tags: expected a list of strings") }
            tags = Array(Set(list.compactMap(\.stringValue))).sorted()
        }
        let config = object["config"].flatMap { $0 == .null ? nil : $0 } ?? .object([:])
        let commitMessage = object["commitMessage"]?.stringValue
        if let commitMessage, commitMessage.count > 500 {
            throw APIError.badRequest("commitMessage: at most 500 characters (got \(commitMessage.count))")
        }
        return Prompt(id: UUID().uuidString.lowercased(), projectID: projectID, name: name, version: 0, kind: kind, prompt: prompt,
                      config: config, labels: try labels(object["labels"], field: "labels", required: false), tags: tags,
                      commitMessage: commitMessage, createdAt: Date())
    }

    /// Labels: lower-case letters, digits, `_`, `-` and `.`; `latest` is set by Lantern alone.
    static func labels(_ raw: JSONValue?, field: String, required: Bool) throws -> [String] {
        guard let raw, raw != .null else {
            if required { throw APIError.badRequest("\(field): is required") }
            return []
        }
        guard let list = raw.arrayValue?.compactMap(\.stringValue), list.count == raw.arrayValue?.count else {
            throw APIError.badRequest("\(field): expected a list of strings")
        }
        for label in list {
            if label == "latest" { throw APIError.badRequest("\(field): the label 'latest' is reserved and always on the newest version") }
            if label.count > 36 { throw APIError.badRequest("\(field): '\(label.prefix(40))' is longer than 36 characters") }
            let valid = !label.isEmpty && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }
            if !valid { throw APIError.badRequest("\(field): '\(label)' may contain only a-z, 0-9, '_', '-' and '.'") }
        }
        return Array(Set(list)).sorted()
    }

    /// Names the Langfuse UI uses as routes.
    static let reservedNames: Set<String> = ["new", "metrics", "prompt-detail"]

    private static func validateBody(_ prompt: JSONValue, kind: Prompt.Kind) throws {
        if kind == .text {
            guard prompt.stringValue != nil else { throw APIError.badRequest("prompt: a text prompt must be a string") }
            return
        }
        guard let messages = prompt.arrayValue else { throw APIError.badRequest("prompt: a chat prompt must be a list of messages") }
        var placeholders: Set<String> = [], variables: Set<String> = []
        for (index, message) in messages.enumerated() {
            guard let object = message.objectValue else { throw APIError.badRequest("prompt[\(index)]: expected a message object") }
            if object["type"]?.stringValue == "placeholder" {
                guard let name = object["name"]?.stringValue, isPlaceholderName(name) else {
                    throw APIError.badRequest("prompt[\(index)].name: a placeholder needs a name of letters, digits and _ starting with a letter")
                }
                placeholders.insert(name)
            } else if let content = object["content"]?.stringValue, object["role"]?.stringValue != nil {
                variables.formUnion(templateVariables(in: content))
            } else {
                throw APIError.badRequest("prompt[\(index)]: a chat message needs string role and content")
            }
        }
        if let clash = placeholders.intersection(variables).sorted().first {
            throw APIError.badRequest("prompt: '\(clash)' is both a placeholder and a {{variable}}; use different names")
        }
    }

    private static func isPlaceholderName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, CharacterSet.letters.contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_") }
    }

    /// The `{{name}}` variables of a template (names trimmed), as the SDK's template parser reads them.
    static func templateVariables(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = text[...]
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.insert(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
