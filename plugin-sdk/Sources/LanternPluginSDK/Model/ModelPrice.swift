import Foundation

/// A model definition with its prices: how generations are matched to it and what each usage unit costs.
public struct ModelPrice: Sendable, Hashable, Codable {
    public var id: String
    /// nil for built-in models shared by every project.
    public var projectID: String?
    public var modelName: String
    /// Regular expression matched against a generation's model name.
    public var matchPattern: String
    /// Prices apply from this date on; the latest start date that is not in the future wins.
    public var startDate: Date?
    /// `TOKENS`, `CHARACTERS`, …
    public var unit: String?
    /// USD per unit by usage type (`input`, `output`, `input_cached_tokens`, …).
    public var prices: [String: Double]
    /// Tokenizer for usage inference (`openai`, `claude`), nil when unknown.
    public var tokenizerID: String?

    /// Creates a model price.
    public init(id: String, projectID: String? = nil, modelName: String, matchPattern: String, startDate: Date? = nil,
                unit: String? = "TOKENS", prices: [String: Double] = [:], tokenizerID: String? = nil) {
        self.id = id
        self.projectID = projectID
        self.modelName = modelName
        self.matchPattern = matchPattern
        self.startDate = startDate
        self.unit = unit
        self.prices = prices
        self.tokenizerID = tokenizerID
    }
}
