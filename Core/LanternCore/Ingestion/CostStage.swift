import Foundation
import LanternPluginSDK

/// Usage and cost of each generation, on the request's task before the storage writer: the model definition is
/// matched by name, usage is inferred with the model's tokenizer when the client sent neither usage nor cost
/// (and the level is not ERROR), and costs are computed from the matched tier's prices unless the client sent
/// costs, which are authoritative. The matched definition's id travels with the computed costs.
///
/// Events are priced in apply order with what the earlier events of the batch said about the same observation
/// (model, parameters, input, output); a generation update that does not name its model, carries something to price
/// and is the first of its observation in the batch reads the stored observation for it.
struct CostStage: Sendable {
    let catalog: ModelCatalog
    let storage: (any StorageBackend)?

    /// What is known of one observation so far in the batch.
    private struct Known {
        var model: String?
        var modelParameters: [String: JSONValue]?
        var metadata: [String: JSONValue]?
        var input: JSONValue?
        var output: JSONValue?
        var level: ObservationLevel?
        var startTime: Date?
        var hasSentUsageOrCost = false
        var hasUsageOrCost = false

        mutating func fold(_ update: ObservationUpdate) {
            model = update.model ?? model
            modelParameters = update.modelParameters ?? modelParameters
            metadata = update.metadata ?? metadata
            input = update.input ?? input
            output = update.output ?? output
            level = update.level ?? level
            startTime = startTime ?? update.startTime
        }
    }

    /// Fills in usage, costs and model ids of `events` (in apply order), in place: an event with nothing to price is
    /// left as it is, so the array is not copied.
    func apply(_ events: inout [IngestionEvent], projectID: String) async {
        var known: [String: Known] = [:]
        for index in events.indices {
            let event = events[index]
            guard case .observation(var update) = event.payload else { continue }
            var context = known[update.id] ?? Known()
            if known[update.id] == nil, Self.needsStoredModel(event, update), let stored = await storedObservation(update.id, projectID: projectID) {
                context = Known(model: stored.model, modelParameters: stored.modelParameters, metadata: stored.metadata,
                                input: stored.input, output: stored.output, level: stored.level, startTime: stored.startTime,
                                hasSentUsageOrCost: !stored.usageDetails.isEmpty || !stored.costDetails.isEmpty,
                                hasUsageOrCost: !stored.usageDetails.isEmpty || !stored.costDetails.isEmpty)
            }
            context.fold(update)
            let sent = !(update.usageDetails ?? [:]).isEmpty || !(update.costDetails ?? [:]).isEmpty
            context.hasSentUsageOrCost = context.hasSentUsageOrCost || sent
            if price(&update, known: context, projectID: projectID, at: context.startTime ?? event.timestamp) {
                events[index].payload = .observation(update)
            }
            context.hasUsageOrCost = context.hasUsageOrCost || !(update.usageDetails ?? [:]).isEmpty
            known[update.id] = context
        }
    }

    /// Fills in one event's usage, costs and model id (without a model name: the totals of what it sent); false when
    /// there was nothing to price and the update is unchanged.
    private func price(_ update: inout ObservationUpdate, known: Known, projectID: String, at startTime: Date) -> Bool {
        let model = known.model.flatMap { $0.isEmpty ? nil : catalog.match(modelName: $0, projectID: projectID, startTime: startTime) }
        var usage = update.usageDetails ?? [:]
        let providedCost = update.costDetails ?? [:]
        let bringsText = update.input != nil || update.output != nil || update.model != nil
        if usage.isEmpty, providedCost.isEmpty, !known.hasSentUsageOrCost, bringsText, known.level != .error, let model,
           let inferred = inferredUsage(input: known.input, output: known.output, model: model) {
            usage = inferred
        }
        guard !usage.isEmpty || !providedCost.isEmpty else { return false }
        let result = CostCalculator.calculate(usage: usage, providedCost: providedCost, model: model,
                                              modelParameters: known.modelParameters ?? [:], metadata: known.metadata ?? [:])
        if !result.usageDetails.isEmpty { update.usageDetails = result.usageDetails }
        if !result.costDetails.isEmpty {
            update.costDetails = result.costDetails
            update.modelID = providedCost.isEmpty ? result.matchedModelID : nil
        }
        return true
    }

    /// Whether pricing the event needs the stored observation: an update of a generation that does not name its model
    /// but carries usage, costs or text. Creates and spans never read storage, so the common path stays read-free.
    private static func needsStoredModel(_ event: IngestionEvent, _ update: ObservationUpdate) -> Bool {
        guard event.isUpdate, update.type.isGenerationLike, update.model == nil else { return false }
        return !(update.usageDetails ?? [:]).isEmpty || !(update.costDetails ?? [:]).isEmpty || update.input != nil || update.output != nil
    }

    /// `input`, `output` and `total` tokens counted with the model's tokenizer; nil when it has none or there is no text.
    private func inferredUsage(input: JSONValue?, output: JSONValue?, model: ModelDefinition) -> [String: Double]? {
        guard let tokenizers = catalog.tokenizers,
              let encoding = try? tokenizers.encoding(tokenizerID: model.tokenizerID, tokenizerConfig: model.tokenizerConfig) else { return nil }
        let inputTokens = input.flatMap { TokenCounter.count($0, encoding: encoding, config: model.tokenizerConfig) }
        let outputTokens = output.flatMap { TokenCounter.count($0, encoding: encoding, config: model.tokenizerConfig) }
        guard inputTokens != nil || outputTokens != nil else { return nil }
        var usage: [String: Double] = [:]
        if let inputTokens { usage["input"] = Double(inputTokens) }
        if let outputTokens { usage["output"] = Double(outputTokens) }
        usage["total"] = Double((inputTokens ?? 0) + (outputTokens ?? 0))
        return usage
    }

    /// The stored observation, or nil (none yet, or storage unreadable: the event is then priced with what it says).
    private func storedObservation(_ id: String, projectID: String) async -> Observation? {
        guard let storage else { return nil }
        return try? await storage.observation(projectID: projectID, id: id)
    }
}
