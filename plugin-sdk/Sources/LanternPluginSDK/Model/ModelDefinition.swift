import Foundation

/// A model definition: how generations are matched to it, what each usage unit costs and which tokenizer counts its text.
///
/// Built-in definitions (`projectID == nil`) come from the price table file the kernel loads at start;
/// project definitions are created through the models API and win over built-in ones.
public struct ModelDefinition: Sendable, Hashable, Codable {
    public var id: String
    /// nil for built-in models shared by every project.
    public var projectID: String?
    public var modelName: String
    /// Regular expression tested against a generation's model name; a leading `(?i)` makes it case-insensitive.
    public var matchPattern: String
    /// Applies to generations that start at or after this date; among matches the latest start date wins.
    public var startDate: Date?
    /// `TOKENS`, `CHARACTERS`, `MILLISECONDS`, `SECONDS`, `REQUESTS` or `IMAGES`.
    public var unit: String?
    /// Tokenizer used to infer usage when a generation carries none (`openai`, `claude`), nil when unknown.
    public var tokenizerID: String?
    /// Tokenizer settings, e.g. `{"tokenizerModel": "gpt-4o", "tokensPerMessage": 3, "tokensPerName": 1}`.
    public var tokenizerConfig: JSONValue?
    /// Prices by tier; exactly one tier is the default (priority 0, no conditions).
    public var pricingTiers: [PricingTier]
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a model definition.
    public init(id: String, projectID: String? = nil, modelName: String, matchPattern: String, startDate: Date? = nil,
                unit: String? = "TOKENS", tokenizerID: String? = nil, tokenizerConfig: JSONValue? = nil,
                pricingTiers: [PricingTier] = [], createdAt: Date, updatedAt: Date? = nil) {
        self.id = id
        self.projectID = projectID
        self.modelName = modelName
        self.matchPattern = matchPattern
        self.startDate = startDate
        self.unit = unit
        self.tokenizerID = tokenizerID
        self.tokenizerConfig = tokenizerConfig
        self.pricingTiers = pricingTiers
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
    }

    /// True for definitions shipped with Lantern rather than created by a project.
    public var isBuiltIn: Bool { projectID == nil }

    /// The tier used when no conditional tier matches.
    public var defaultTier: PricingTier? { pricingTiers.first(where: \.isDefault) ?? pricingTiers.first }
}

/// One set of prices of a model, chosen when all its conditions hold.
public struct PricingTier: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    public var isDefault: Bool
    /// Conditional tiers are tried in ascending priority; the default tier has priority 0.
    public var priority: Int
    public var conditions: [PricingCondition]
    /// USD per unit by usage type (`input`, `output`, `input_cached_tokens`, …).
    public var prices: [String: Double]

    /// Creates a tier.
    public init(id: String, name: String, isDefault: Bool, priority: Int, conditions: [PricingCondition] = [], prices: [String: Double]) {
        self.id = id
        self.name = name
        self.isDefault = isDefault
        self.priority = priority
        self.conditions = conditions
        self.prices = prices
    }
}

/// A condition of a pricing tier.
public enum PricingCondition: Sendable, Hashable, Codable {
    /// The sum of the usage values whose keys match `pattern` compared with `value`.
    case usage(pattern: String, comparison: Comparison, value: Double, caseSensitive: Bool)
    /// A top-level key of the generation's model parameters or metadata whose string value is one of `values`.
    case attribute(source: AttributeSource, key: String, values: [String])

    /// Numeric comparisons of a usage condition.
    public enum Comparison: String, Sendable, Hashable, Codable, CaseIterable {
        case gt, gte, lt, lte, eq, neq
    }

    /// Where an attribute condition looks.
    public enum AttributeSource: String, Sendable, Hashable, Codable, CaseIterable {
        case modelParameters = "model_parameters"
        case metadata
    }
}
