import LanternPluginSDK

/// Reads a generation's usage and cost: `usageDetails` (Langfuse keys, or OpenAI chat-completion / Responses usage
/// objects, converted by ``UsageNormaliser``), `costDetails`, and the legacy `usage` object (`input/output/total`
/// with `inputCost/outputCost/totalCost`, or `promptTokens/completionTokens/totalTokens`). A negative count or cost
/// is refused naming the key, as Langfuse's ingestion schema does.
enum UsageReader {
    static func read(_ reader: inout BodyReader, into update: inout ObservationUpdate) {
        let usage = object("usageDetails", &reader)
        let cost = object("costDetails", &reader)
        let legacy = object("usage", &reader)
        for (field, details) in [("usageDetails", usage), ("costDetails", cost), ("usage", legacy)] {
            if let negative = details?.first(where: { ($0.value.numberValue ?? 0) < 0 }) {
                reader.fail(field, "\(negative.key) must not be negative")
            }
        }
        let provided = ProvidedUsage(usageDetails: usage, costDetails: cost, legacyUsage: legacy)
        update.usageDetails = provided.usageDetails.isEmpty ? nil : provided.usageDetails
        update.costDetails = provided.costDetails.isEmpty ? nil : provided.costDetails
    }

    /// The field as a JSON object; nil when absent or null, a failure when it is something else.
    private static func object(_ field: String, _ reader: inout BodyReader) -> [String: JSONValue]? {
        switch reader.any(field) {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default:
            reader.fail(field, "expected an object")
            return nil
        }
    }
}
