import Foundation
import LanternPluginSDK

/// `ObservationV2` of `GET /api/public/v2/observations`: only the requested field groups (`core` always).
struct ObservationV2Presenter {
    /// The field groups a client may request.
    static let groups: Set<String> = ["core", "basic", "time", "io", "metadata", "model", "usage", "prompt", "metrics", "trace_context"]
    /// Metadata values longer than this are cut unless their key is expanded.
    static let metadataLimit = 200

    let fields: Set<String>
    let expandedMetadata: Set<String>
    let traces: [String: Trace]
    let promptIDs: PromptIDs
    /// The model definitions the `model` and `usage` groups report prices and the pricing tier from.
    let models: ModelCatalog

    func present(_ observation: Observation) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(observation.id), "traceId": .string(observation.traceID), "startTime": Presenters.date(observation.startTime),
            "endTime": Presenters.date(observation.endTime), "projectId": .string(observation.projectID),
            "parentObservationId": Presenters.string(observation.parentObservationID), "type": .string(observation.type.rawValue),
            // Required by the OpenAPI document in every answer; null unless the `model` group is requested.
            "modelId": .null, "inputPrice": .null, "outputPrice": .null, "totalPrice": .null,
        ]
        let model = observation.modelID.flatMap { models.definition(projectID: observation.projectID, id: $0) }
        let trace = traces[observation.traceID]
        if fields.contains("basic") {
            object.merge([
                "name": Presenters.string(observation.name), "level": .string(observation.level.rawValue),
                "statusMessage": Presenters.string(observation.statusMessage), "version": Presenters.string(observation.version),
                "environment": .string(observation.environment), "bookmarked": false, "public": .bool(trace?.isPublic ?? false),
                "userId": Presenters.string(trace?.userID), "sessionId": Presenters.string(trace?.sessionID),
                "isRootObservation": .bool(observation.parentObservationID == nil),
            ]) { $1 }
        }
        if fields.contains("time") {
            object.merge(["completionStartTime": Presenters.date(observation.completionStartTime),
                          "createdAt": Presenters.date(observation.createdAt), "updatedAt": Presenters.date(observation.updatedAt)]) { $1 }
        }
        if fields.contains("io") {
            object["input"] = Presenters.string(observation.input?.jsonText)
            object["output"] = Presenters.string(observation.output?.jsonText)
        }
        if fields.contains("metadata") {
            object["metadata"] = .object(Dictionary(uniqueKeysWithValues: observation.metadata.map { key, value in
                (key, expandedMetadata.contains(key) ? value : truncated(value))
            }))
        }
        if fields.contains("model") {
            let prices = model?.defaultTier?.prices
            object.merge(["providedModelName": Presenters.string(observation.model), "internalModelId": Presenters.string(observation.modelID),
                          "modelParameters": observation.modelParameters.map { .object($0) } ?? .null,
                          "modelId": Presenters.string(observation.modelID), "inputPrice": Self.decimal(prices?["input"]),
                          "outputPrice": Self.decimal(prices?["output"]), "totalPrice": Self.decimal(prices?["total"])]) { $1 }
        }
        if fields.contains("usage") {
            object.merge(["usageDetails": Presenters.numbers(observation.usageDetails), "costDetails": Presenters.numbers(observation.costDetails),
                          "totalCost": Presenters.number(observation.totalCost),
                          "usagePricingTierName": Presenters.string(model.flatMap { tierName(of: observation, $0) })]) { $1 }
        }
        if fields.contains("prompt") {
            object.merge(["promptId": Presenters.string(promptIDs.id(of: observation)), "promptName": Presenters.string(observation.promptName),
                          "promptVersion": observation.promptVersion.map { .number(Double($0)) } ?? .null]) { $1 }
        }
        if fields.contains("metrics") {
            object.merge(["latency": Presenters.number(observation.latency), "timeToFirstToken": Presenters.number(observation.timeToFirstToken)]) { $1 }
        }
        if fields.contains("trace_context") {
            object.merge(["tags": .array((trace?.tags ?? []).map { .string($0) }), "release": Presenters.string(trace?.release),
                          "traceName": Presenters.string(trace?.name)]) { $1 }
        }
        return .object(object)
    }

    /// The tier of `model` that prices the observation's usage: the same choice ingestion made with the same definition.
    private func tierName(of observation: Observation, _ model: ModelDefinition) -> String? {
        PricingTierSelector.select(from: model.pricingTiers, usage: UsageNormaliser.withTotal(observation.usageDetails),
                                   modelParameters: observation.modelParameters ?? [:], metadata: observation.metadata)?.name
    }

    /// A price as the decimal string the OpenAPI document asks for (`"0.0000025"`, never an exponent); null for none.
    static func decimal(_ price: Double?) -> JSONValue {
        guard let price, price.isFinite else { return .null }
        var text = String(format: "%.15f", price)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return .string(text)
    }

    /// A metadata value cut to ``metadataLimit`` characters of its text (strings) or JSON text (other values).
    private func truncated(_ value: JSONValue) -> JSONValue {
        let text = value.stringValue ?? value.jsonText
        return text.count > Self.metadataLimit ? .string(String(text.prefix(Self.metadataLimit))) : value
    }
}
