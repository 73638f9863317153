import LanternPluginSDK

/// The models API's `Model` shape: the definition with its tiers, and the flat price fields Langfuse keeps for
/// older clients, filled from the default tier.
enum ModelPresenter {
    static func model(_ model: ModelDefinition) -> JSONValue {
        let prices = model.defaultTier?.prices ?? [:]
        return .object([
            "id": .string(model.id), "modelName": .string(model.modelName), "matchPattern": .string(model.matchPattern),
            "startDate": Presenters.date(model.startDate), "unit": Presenters.string(model.unit),
            "inputPrice": Presenters.number(prices["input"]), "outputPrice": Presenters.number(prices["output"]),
            "totalPrice": Presenters.number(prices["total"]), "tokenizerId": Presenters.string(model.tokenizerID),
            "tokenizerConfig": model.tokenizerConfig ?? .null, "isLangfuseManaged": .bool(model.isBuiltIn),
            "createdAt": Presenters.date(model.createdAt),
            "prices": .object(prices.mapValues { .object(["price": .number($0)]) }),
            "pricingTiers": .array(model.pricingTiers.map(tier)),
        ])
    }

    static func tier(_ tier: PricingTier) -> JSONValue {
        .object([
            "id": .string(tier.id), "name": .string(tier.name), "isDefault": .bool(tier.isDefault),
            "priority": .number(Double(tier.priority)), "conditions": .array(tier.conditions.compactMap(condition)),
            "prices": Presenters.numbers(tier.prices),
        ])
    }

    private static func condition(_ condition: PricingCondition) -> JSONValue? {
        switch condition {
        case .usage(let pattern, let comparison, let value, let caseSensitive):
            return ["usageDetailPattern": .string(pattern), "operator": .string(comparison.rawValue), "value": .number(value),
                    "caseSensitive": .bool(caseSensitive)]
        case .attribute(let source, let key, let values):
            return ["source": .string(source.rawValue), "key": .string(key), "operator": "in", "values": .array(values.map { .string($0) })]
        @unknown default:
            return nil
        }
    }
}
