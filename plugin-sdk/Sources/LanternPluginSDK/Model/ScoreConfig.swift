import Foundation

/// A schema scores can be checked against: its name, data type, numeric range or categories.
public struct ScoreConfig: Sendable, Hashable, Codable {
    /// One allowed category of a CATEGORICAL (or BOOLEAN) config.
    public struct Category: Sendable, Hashable, Codable {
        public var label: String
        public var value: Double
        /// Creates a category.
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var id: String
    public var projectID: String
    public var name: String
    /// NUMERIC, CATEGORICAL, BOOLEAN or TEXT.
    public var dataType: ScoreDataType
    public var isArchived: Bool
    /// Inclusive bounds of a NUMERIC config (unbounded when nil).
    public var minValue: Double?
    public var maxValue: Double?
    /// The categories of a CATEGORICAL or BOOLEAN config.
    public var categories: [Category]?
    public var description: String?
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates an unarchived config.
    public init(id: String, projectID: String, name: String, dataType: ScoreDataType, createdAt: Date) {
        self.id = id
        self.projectID = projectID
        self.name = name
        self.dataType = dataType
        self.isArchived = false
        self.createdAt = createdAt
        self.updatedAt = createdAt
    }
}
