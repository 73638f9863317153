import Foundation
import LanternPluginSDK

/// Checks a models API create request (`POST /api/public/models`, OpenAPI `CreateModelRequest`) and builds the
/// project's model definition from it, with the rules of Langfuse's `PostModelsV1Body`.
///
/// Required: `modelName` (non-empty) and `matchPattern` (a regular expression that compiles). Optional: `unit`
/// (`TOKENS`, `CHARACTERS`, `MILLISECONDS`, `SECONDS`, `REQUESTS` or `IMAGES`, or null as the OpenAPI document
/// allows, so schema-driven clients are served), `startDate` (ISO 8601 or null), `tokenizerId` (`openai`, `claude` or null),
/// `tokenizerConfig` (any JSON). Prices come either flat — `inputPrice` / `outputPrice` / `totalPrice`, non-negative,
/// `totalPrice` only without the other two; they make one default tier named `Standard` — or as `pricingTiers`
/// (see ``PricingTierDecoder``), never both and never neither. Unknown keys are ignored.
///
/// Whether the name is already taken in the project (Langfuse rejects that) is for the caller, which knows the
/// project's models.
enum ModelDefinitionValidator {
    /// The definition described by `body`, or a failure naming every wrong field (the text of a 400 response).
    /// - Parameters:
    ///   - id: the new definition's id; tier ids are derived from it.
    ///   - projectID: the project creating it.
    ///   - now: its creation time.
    static func definition(from body: [String: JSONValue], id: String, projectID: String,
                           now: Date) throws(ValidationFailure) -> ModelDefinition {
        var problems = JSONProblems()
        let fields = JSONFieldReader(object: body, path: "")
        let modelName = fields.string("modelName", required: true, problems: &problems)
        var matchPattern = fields.string("matchPattern", required: true, problems: &problems)
        if let pattern = matchPattern, let why = PricingTierRules.patternProblem(pattern, maxLength: nil) {
            problems.add("matchPattern", why)
            matchPattern = nil
        }
        // Null or absent is allowed (the OpenAPI document and Langfuse's handler agree): the model has no unit.
        let unit = fields.choice("unit", from: ModelPriceTable.units, required: false, problems: &problems)
        let startDate = fields.date("startDate", problems: &problems)
        let tokenizerID = fields.choice("tokenizerId", from: ["openai", "claude"], required: false, problems: &problems)
        let tiers = pricingTiers(fields, modelID: id, problems: &problems)
        guard problems.messages.isEmpty, let modelName, let matchPattern, let tiers else {
            throw ValidationFailure(problems.messages.joined(separator: "; "))
        }
        return ModelDefinition(id: id, projectID: projectID, modelName: modelName, matchPattern: matchPattern,
                               startDate: startDate, unit: unit, tokenizerID: tokenizerID,
                               tokenizerConfig: fields.member("tokenizerConfig"), pricingTiers: tiers, createdAt: now)
    }

    /// The tiers from `pricingTiers`, or the one `Standard` tier of the flat prices.
    private static func pricingTiers(_ fields: JSONFieldReader, modelID: String, problems: inout JSONProblems) -> [PricingTier]? {
        let input = fields.nonNegativeNumber("inputPrice", required: false, problems: &problems)
        let output = fields.nonNegativeNumber("outputPrice", required: false, problems: &problems)
        let total = fields.nonNegativeNumber("totalPrice", required: false, problems: &problems)
        let flatStated = ["inputPrice", "outputPrice", "totalPrice"].contains { fields.member($0) != nil }
        let tierElements = fields.array("pricingTiers", required: false, problems: &problems) ?? []
        switch (flatStated, tierElements.isEmpty) {
        case (true, false):
            problems.add("pricingTiers", "must not be given with flat prices (inputPrice/outputPrice/totalPrice): use one or the other")
            return nil
        case (false, true):
            problems.add("pricingTiers", "either flat prices (inputPrice/outputPrice/totalPrice) or pricingTiers are required")
            return nil
        case (false, false):
            let decoder = PricingTierDecoder(ids: .derived(modelID: modelID), strict: false)
            return decoder.tiers(tierElements, path: "pricingTiers", problems: &problems)
        case (true, true):
            if total != nil && (input != nil || output != nil) {
                problems.add("totalPrice", "must be null when inputPrice or outputPrice is set")
                return nil
            }
            var prices: [String: Double] = [:]
            prices["input"] = input
            prices["output"] = output
            prices["total"] = total
            guard !prices.isEmpty else { return nil }  // every flat price was invalid, already reported
            return [PricingTier(id: "\(modelID)_tier_default", name: "Standard", isDefault: true, priority: 0, prices: prices)]
        }
    }
}
