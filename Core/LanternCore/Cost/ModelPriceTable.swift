import Foundation
import LanternPluginSDK

/// Every problem of a price table file, each naming the file, the key path and why.
struct ModelPriceTableError: Error, Sendable, CustomStringConvertible {
    /// One line per problem, e.g. `config/model-prices.json: models[12].pricingTiers[0].prices.input: must be a
    /// non-negative number`.
    let problems: [String]
    /// The problems, one a line.
    var description: String { problems.joined(separator: "\n") }
}

/// Loads the built-in model price table (`config/model-prices.json`): the definitions every project shares.
///
/// The file is `{"description": "…", "models": [model, …]}`. A model has `id`, `modelName`, `matchPattern` (a
/// regular expression that compiles), optional `startDate` (ISO 8601 or null), `unit` (`TOKENS`, `CHARACTERS`,
/// `MILLISECONDS`, `SECONDS`, `REQUESTS`, `IMAGES` or null), `tokenizerId` (string or null), `tokenizerConfig`
/// (object or null), `pricingTiers` (see ``PricingTierDecoder``, each tier with its `id`), optional `createdAt` /
/// `updatedAt` (ISO 8601) and `source` (documentation, ignored). Model ids and tier ids are unique in the file.
/// Keys outside this format are reported, so a misspelt key does not pass silently; every problem is reported at
/// once.
enum ModelPriceTable {
    /// The usage units a model may have.
    static let units = ["TOKENS", "CHARACTERS", "MILLISECONDS", "SECONDS", "REQUESTS", "IMAGES"]

    private static let modelKeys: Set<String> = ["id", "modelName", "matchPattern", "startDate", "unit", "tokenizerId",
                                                 "tokenizerConfig", "pricingTiers", "source", "createdAt", "updatedAt"]

    /// The definitions of the file at `path` (named as given in errors), all with `projectID` nil.
    /// - Parameter loadedAt: creation date of models whose entry has no `createdAt`.
    static func load(path: String, loadedAt: Date = Date()) throws(ModelPriceTableError) -> [ModelDefinition] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelPriceTableError(problems: ["\(path): cannot be read"])
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw ModelPriceTableError(problems: ["\(path): is not UTF-8 text"])
        }
        return try parse(text, file: path, loadedAt: loadedAt)
    }

    /// The definitions of price table text; `file` names it in errors.
    static func parse(_ text: String, file: String, loadedAt: Date) throws(ModelPriceTableError) -> [ModelDefinition] {
        var problems = JSONProblems(prefix: "\(file): ")
        guard let root = JSONValue.parse(text) else {
            throw ModelPriceTableError(problems: ["\(file): is not valid JSON (\(syntaxError(text)))"])
        }
        guard let object = root.objectValue else {
            throw ModelPriceTableError(problems: ["\(file): must be a JSON object with \"description\" and \"models\""])
        }
        let fields = JSONFieldReader(object: object, path: "")
        fields.rejectUnknownKeys(["description", "models"], problems: &problems)
        _ = fields.string("description", required: false, nonEmpty: false, problems: &problems)
        var definitions: [ModelDefinition] = []
        var modelIDs: [String: Int] = [:], tierIDs: [String: String] = [:]
        for (index, element) in (fields.array("models", required: true, problems: &problems) ?? []).enumerated() {
            let path = "models[\(index)]"
            guard let entry = element.objectValue else {
                problems.add(path, "must be an object")
                continue
            }
            guard let definition = model(JSONFieldReader(object: entry, path: path), loadedAt: loadedAt, problems: &problems) else {
                continue
            }
            if let first = modelIDs[definition.id] {
                problems.add("\(path).id", "\"\(definition.id)\" is also the id of models[\(first)]")
            } else {
                modelIDs[definition.id] = index
            }
            for (tierIndex, tier) in definition.pricingTiers.enumerated() {
                let tierPath = "\(path).pricingTiers[\(tierIndex)]"
                if let first = tierIDs[tier.id] {
                    problems.add("\(tierPath).id", "\"\(tier.id)\" is also the id of \(first)")
                } else {
                    tierIDs[tier.id] = tierPath
                }
            }
            definitions.append(definition)
        }
        guard problems.messages.isEmpty else { throw ModelPriceTableError(problems: problems.messages) }
        return definitions
    }

    /// One model entry; nil when it has a problem.
    private static func model(_ fields: JSONFieldReader, loadedAt: Date, problems: inout JSONProblems) -> ModelDefinition? {
        let before = problems.messages.count
        fields.rejectUnknownKeys(modelKeys, problems: &problems)
        let id = fields.string("id", required: true, problems: &problems)
        let modelName = fields.string("modelName", required: true, problems: &problems)
        var matchPattern = fields.string("matchPattern", required: true, problems: &problems)
        if let pattern = matchPattern, let why = PricingTierRules.patternProblem(pattern, maxLength: nil) {
            problems.add(fields.path("matchPattern"), why)
            matchPattern = nil
        }
        let startDate = fields.date("startDate", problems: &problems)
        let unit = fields.choice("unit", from: units, required: false, problems: &problems)
        let tokenizerID = fields.string("tokenizerId", required: false, problems: &problems)
        let tokenizerConfig = fields.member("tokenizerConfig")
        if let tokenizerConfig, tokenizerConfig.objectValue == nil {
            problems.add(fields.path("tokenizerConfig"), "must be an object or null")
        }
        let createdAt = fields.date("createdAt", problems: &problems) ?? loadedAt
        let updatedAt = fields.date("updatedAt", problems: &problems)
        let decoder = PricingTierDecoder(ids: .stated, strict: true)
        let tiers = fields.array("pricingTiers", required: true, problems: &problems).flatMap {
            decoder.tiers($0, path: fields.path("pricingTiers"), problems: &problems)
        }
        guard problems.messages.count == before, let id, let modelName, let matchPattern, let tiers else { return nil }
        return ModelDefinition(id: id, projectID: nil, modelName: modelName, matchPattern: matchPattern,
                               startDate: startDate, unit: unit, tokenizerID: tokenizerID, tokenizerConfig: tokenizerConfig,
                               pricingTiers: tiers, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// Why `text` is not JSON, in Foundation's words (they name the position of most mistakes).
    private static func syntaxError(_ text: String) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            return "not strict RFC 8259 JSON, e.g. a trailing comma, or nested too deeply"
        } catch {
            let details = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
            return details ?? "\(error)"
        }
    }
}
