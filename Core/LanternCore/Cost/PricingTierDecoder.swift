import Foundation
import LanternPluginSDK

/// Reads a model's pricing tiers from JSON, for both the built-in price table and the models API, and checks
/// them with ``PricingTierRules``.
///
/// A tier has `name` (at most 100 characters, trimmed), `isDefault`, `priority` (0 to 999), `conditions` and
/// `prices` (USD per unit by usage type, non-negative numbers). A usage condition has a
/// `usageDetailPattern` (a regular expression of at most 200 characters that compiles), an `operator`
/// (`gt`, `gte`, `lt`, `lte`, `eq`, `neq`), a non-negative `value` and `caseSensitive` (false when absent); an
/// attribute condition has a `source` (`model_parameters` or `metadata`), a `key`, `operator` `in` and a
/// non-empty list of non-empty string `values`.
struct PricingTierDecoder: Sendable {
    /// How tier ids are obtained.
    enum TierIDs: Sendable {
        /// Each tier states its `id` (the price table file).
        case stated
        /// Ids are made from the model's: `<model>_tier_default` for the default tier (as Langfuse names it),
        /// `<model>_tier_<priority>` for the others (the models API, where clients send no ids).
        case derived(modelID: String)
    }

    /// Where tier ids come from.
    let ids: TierIDs
    /// The price table file's strictness: `isDefault` required and keys outside the format reported. Without it
    /// (API bodies) `isDefault` defaults to false and unknown keys are ignored, as Langfuse's schema does.
    let strict: Bool

    /// The tiers of the JSON array at `path`, with every problem recorded; nil when any tier is wrong.
    func tiers(_ elements: [JSONValue], path: String, problems: inout JSONProblems) -> [PricingTier]? {
        let before = problems.messages.count
        var tiers: [PricingTier] = []
        for (index, element) in elements.enumerated() {
            let tierPath = "\(path)[\(index)]"
            guard let object = element.objectValue else {
                problems.add(tierPath, "must be an object")
                continue
            }
            if let tier = tier(JSONFieldReader(object: object, path: tierPath), problems: &problems) { tiers.append(tier) }
        }
        guard problems.messages.count == before else { return nil }
        // Every tier was read, so the indexes of `tiers` are those of the JSON array.
        PricingTierRules.check(tiers, path: path, problems: &problems)
        return problems.messages.count == before ? tiers : nil
    }

    /// One tier.
    private func tier(_ fields: JSONFieldReader, problems: inout JSONProblems) -> PricingTier? {
        if strict {
            fields.rejectUnknownKeys(["id", "name", "isDefault", "priority", "conditions", "prices"], problems: &problems)
        }
        let statedID: String?
        if case .stated = ids { statedID = fields.string("id", required: true, problems: &problems) } else { statedID = nil }
        let name = fields.string("name", required: true, problems: &problems)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        if name?.isEmpty == true { problems.add(fields.path("name"), "must not be blank") }
        if let name, name.count > 100 { problems.add(fields.path("name"), "must be at most 100 characters") }
        let isDefault = fields.bool("isDefault", absent: strict ? nil : false, problems: &problems)
        let priority = fields.integer("priority", in: 0...999, problems: &problems)
        let conditions = fields.array("conditions", required: true, problems: &problems).map {
            self.conditions($0, path: fields.path("conditions"), problems: &problems)
        }
        let prices = self.prices(fields, problems: &problems)
        guard let name, let isDefault, let priority, let conditions, let prices else { return nil }
        let id: String
        switch ids {
        case .stated:
            guard let statedID else { return nil }
            id = statedID
        case .derived(let modelID):
            id = isDefault ? "\(modelID)_tier_default" : "\(modelID)_tier_\(priority)"
        }
        return PricingTier(id: id, name: name, isDefault: isDefault, priority: priority, conditions: conditions, prices: prices)
    }

    /// The `prices` object: USD per unit by usage type, each a non-negative number.
    private func prices(_ fields: JSONFieldReader, problems: inout JSONProblems) -> [String: Double]? {
        guard let value = fields.member("prices") else {
            problems.add(fields.path("prices"), "is required")
            return nil
        }
        guard let object = value.objectValue else {
            problems.add(fields.path("prices"), "must be an object of usage type to price")
            return nil
        }
        let reader = JSONFieldReader(object: object, path: fields.path("prices"))
        var prices: [String: Double] = [:]
        for key in object.keys.sorted() {
            if let price = reader.nonNegativeNumber(key, required: true, problems: &problems) { prices[key] = price }
        }
        return prices
    }

    /// The conditions of one tier.
    private func conditions(_ elements: [JSONValue], path: String, problems: inout JSONProblems) -> [PricingCondition] {
        elements.enumerated().compactMap { index, element in
            let conditionPath = "\(path)[\(index)]"
            guard let object = element.objectValue else {
                problems.add(conditionPath, "must be an object")
                return nil
            }
            let fields = JSONFieldReader(object: object, path: conditionPath)
            if object["source"] != nil { return attributeCondition(fields, problems: &problems) }
            if object["usageDetailPattern"] != nil { return usageCondition(fields, problems: &problems) }
            problems.add(conditionPath, "must be a usage condition (usageDetailPattern, operator, value, caseSensitive) "
                + "or an attribute condition (source, key, operator \"in\", values)")
            return nil
        }
    }

    private func usageCondition(_ fields: JSONFieldReader, problems: inout JSONProblems) -> PricingCondition? {
        if strict {
            fields.rejectUnknownKeys(["usageDetailPattern", "operator", "value", "caseSensitive"], problems: &problems)
        }
        var pattern = fields.string("usageDetailPattern", required: true, problems: &problems)
        if let text = pattern, let why = PricingTierRules.patternProblem(text, maxLength: PricingTierRules.maxUsagePatternLength) {
            problems.add(fields.path("usageDetailPattern"), why)
            pattern = nil
        }
        let comparison = fields.choice("operator", from: PricingCondition.Comparison.allCases.map(\.rawValue),
                                       required: true, problems: &problems).flatMap(PricingCondition.Comparison.init(rawValue:))
        let value = fields.nonNegativeNumber("value", required: true, problems: &problems)
        let caseSensitive = fields.bool("caseSensitive", absent: false, problems: &problems)
        guard let pattern, let comparison, let value, let caseSensitive else { return nil }
        return .usage(pattern: pattern, comparison: comparison, value: value, caseSensitive: caseSensitive)
    }

    private func attributeCondition(_ fields: JSONFieldReader, problems: inout JSONProblems) -> PricingCondition? {
        if strict { fields.rejectUnknownKeys(["source", "key", "operator", "values"], problems: &problems) }
        let source = fields.choice("source", from: PricingCondition.AttributeSource.allCases.map(\.rawValue),
                                   required: true, problems: &problems).flatMap(PricingCondition.AttributeSource.init(rawValue:))
        let key = fields.string("key", required: true, problems: &problems)
        if let key, key.count > 200 { problems.add(fields.path("key"), "must be at most 200 characters") }
        let inOperator = fields.choice("operator", from: ["in"], required: true, problems: &problems)
        let values = fields.array("values", required: true, problems: &problems).flatMap { elements -> [String]? in
            let strings = elements.compactMap { $0.stringValue }.filter { !$0.isEmpty }
            guard !elements.isEmpty, strings.count == elements.count else {
                problems.add(fields.path("values"), "must be a non-empty array of non-empty strings")
                return nil
            }
            return strings
        }
        guard let source, let key, inOperator != nil, let values else { return nil }
        return .attribute(source: source, key: key, values: values)
    }
}
