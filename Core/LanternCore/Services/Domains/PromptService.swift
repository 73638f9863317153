import Foundation
import LanternPluginSDK

/// Prompt management: versions created, read by version or label (references resolved), listed by name,
/// labels moved, versions deleted. Every change reaches audit sinks and exporters.
struct PromptService: Sendable {
    let kernel: KernelServices

    /// Stores a new version of `draft.name`; absent tags (`inheritTags`) keep those of the name's newest version.
    func create(_ principal: Principal, _ draft: Prompt, inheritTags: Bool) async throws -> Prompt {
        try kernel.authorize(principal, .promptsWrite)
        let storage = try kernel.storage()
        var prompt = draft
        prompt.projectID = principal.projectID
        if inheritTags {
            prompt.tags = try await storage.promptVersions(projectID: principal.projectID, name: prompt.name).first?.tags ?? []
        }
        let created: Prompt
        do { created = try await storage.createPromptVersion(prompt) } catch StorageError.conflict(let reason) {
            throw APIError.badRequest(reason)
        }
        kernel.audit.record(principal, "prompt", created.name, "created", after: CatalogPresenters.prompt(created), exported: true)
        return created
    }

    /// One version by number, or by label (`production` when neither is given), with its references resolved
    /// unless `resolve` is false.
    func get(_ principal: Principal, name: String, version: Int?, label: String?, resolve: Bool) async throws
        -> (prompt: Prompt, graph: JSONValue?) {
        try kernel.authorize(principal, .projectRead)
        if version != nil && label != nil { throw APIError.badRequest("Give either version or label, not both") }
        let storage = try kernel.storage()
        let found = if let version {
            try await storage.promptVersion(projectID: principal.projectID, name: name, version: version)
        } else {
            try await storage.promptVersion(projectID: principal.projectID, name: name, label: label ?? "production")
        }
        guard let found else {
            let selector = version.map { "version \($0)" } ?? "label '\(label ?? "production")'"
            throw APIError.notFound("Prompt not found: '\(name)' with \(selector)")
        }
        guard resolve else { return (found, nil) }
        do { return try await PromptComposition(projectID: principal.projectID, storage: storage).resolve(found) } catch let failure as PromptComposition.Failure {
            throw APIError.badRequest(failure.message)
        }
    }

    /// The prompt names matching `filter`, one row per name, paged.
    func list(_ principal: Principal, filter: PromptListing.Filter, page: PageRequest) async throws -> Page<PromptListing.Row> {
        try kernel.authorize(principal, .projectRead)
        let rows = PromptListing.rows(try await kernel.storage().allPromptVersions(projectID: principal.projectID), filter: filter)
        return Page(slicing: rows, request: page)
    }

    /// Deletes the versions with `version`, or with `label`, or all of them; 404 when none matches.
    func delete(_ principal: Principal, name: String, version: Int?, label: String?) async throws {
        try kernel.authorize(principal, .promptsWrite)
        if version != nil && label != nil { throw APIError.badRequest("Give either version or label, not both") }
        let storage = try kernel.storage()
        let matching = try await storage.promptVersions(projectID: principal.projectID, name: name)
            .filter { prompt in version.map { prompt.version == $0 } ?? label.map { prompt.labels.contains($0) } ?? true }
        guard !matching.isEmpty,
              try await storage.deletePromptVersions(projectID: principal.projectID, name: name, versions: matching.map(\.version)) > 0 else {
            let selector = version.map { " with version \($0)" } ?? label.map { " with label '\($0)'" } ?? ""
            throw APIError.notFound("Prompt not found: '\(name)'\(selector)")
        }
        kernel.audit.record(principal, "prompt", name, "deleted", before: .array(matching.map { CatalogPresenters.prompt($0) }), exported: true)
    }

    /// Sets the labels of one version (moving them off the others).
    func setLabels(_ principal: Principal, name: String, version: Int, labels: [String]) async throws -> Prompt {
        try kernel.authorize(principal, .promptsWrite)
        let storage = try kernel.storage()
        let before = try await storage.promptVersion(projectID: principal.projectID, name: name, version: version)
        guard let updated = try await storage.setPromptLabels(projectID: principal.projectID, name: name, version: version, labels: labels) else {
            throw APIError.notFound("Prompt not found: '\(name)' version \(version)")
        }
        kernel.audit.record(principal, "prompt", name, "labels-updated", before: before.map { CatalogPresenters.prompt($0) },
                            after: CatalogPresenters.prompt(updated), exported: true)
        return updated
    }

    /// The generations made from one version, with their scores (by observation id) and the version's prompt ids.
    func generations(_ principal: Principal, name: String, version: Int, page: PageRequest) async throws
        -> (page: Page<Observation>, scores: [String: [Score]], promptIDs: PromptIDs) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard let prompt = try await storage.promptVersion(projectID: principal.projectID, name: name, version: version) else {
            throw APIError.notFound("Prompt not found: '\(name)' with version \(version)")
        }
        var query = ObservationQuery()
        query.promptName = name
        query.promptVersion = version
        query.page = page
        let generations = try await storage.observations(projectID: principal.projectID, query: query)
        var scores: [String: [Score]] = [:]
        if !generations.items.isEmpty {
            var scoreQuery = ScoreQuery()
            scoreQuery.observationIDs = generations.items.map(\.id)
            for score in try await ScoreService.all(matching: scoreQuery, projectID: principal.projectID, storage: storage) {
                if let observationID = score.observationID { scores[observationID, default: []].append(score) }
            }
        }
        return (generations, scores, PromptIDs(linking: prompt))
    }
}
