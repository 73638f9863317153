import Foundation
import LanternPluginSDK

/// Langfuse's rules for score configs, and for scores sent with a `configId` (contract §5).
enum ScoreConfigRules {
    /// The data types a config may have.
    static let dataTypes: [ScoreDataType] = [.numeric, .categorical, .boolean, .text]
    /// The categories every BOOLEAN config has.
    static let booleanCategories = [ScoreConfig.Category(label: "True", value: 1), ScoreConfig.Category(label: "False", value: 0)]

    /// Why `config` is not a valid config (each message names the field), or nil.
    static func problem(in config: ScoreConfig) -> String? {
        let name = config.name
        if name.isEmpty || name.count > 35 { return "name: must be 1 to 35 characters (got \(name.count))" }
        if let bad = name.unicodeScalars.first(where: { !(CharacterSet.alphanumerics.contains($0) && $0.isASCII) && !"_ .()-".unicodeScalars.contains($0) }) {
            return "name: only letters, digits, spaces and _ . ( ) - are allowed (got '\(bad)')"
        }
        guard dataTypes.contains(config.dataType) else {
            return "dataType: must be one of \(dataTypes.map(\.rawValue).joined(separator: ", ")) (got \(config.dataType.rawValue))"
        }
        if config.dataType != .numeric && (config.minValue != nil || config.maxValue != nil) {
            return "minValue/maxValue: only NUMERIC configs have a range"
        }
        if let min = config.minValue, let max = config.maxValue, max <= min {
            return "maxValue: must be greater than minValue (\(max) <= \(min))"
        }
        switch config.dataType {
        case .categorical:
            guard let categories = config.categories, !categories.isEmpty else { return "categories: a CATEGORICAL config needs at least one category" }
            if Set(categories.map(\.label)).count != categories.count { return "categories: labels must be unique" }
            if Set(categories.map(\.value)).count != categories.count { return "categories: values must be unique" }
            if categories.contains(where: { $0.label.isEmpty }) { return "categories: a label must not be empty" }
        case .boolean:
            if let categories = config.categories, categories != booleanCategories {
                return "categories: BOOLEAN configs have the fixed categories True (1) and False (0)"
            }
        default:
            if config.categories?.isEmpty == false { return "categories: only CATEGORICAL configs have categories" }
        }
        return nil
    }

    /// The score adjusted to its config (a categorical label gets the category's value), or why it does not fit.
    static func apply(_ config: ScoreConfig, to score: Score) -> Result<Score, ValidationFailure> {
        let prefix = "Ingested score body not valid against provided config"
        func failure(_ reason: String) -> Result<Score, ValidationFailure> { .failure(ValidationFailure("\(prefix): \(reason)")) }
        if config.isArchived { return failure("config \(config.id) is archived") }
        if score.name != config.name { return failure("name '\(score.name)' does not match the config's name '\(config.name)'") }
        if score.dataType != config.dataType {
            return failure("dataType \(score.dataType.rawValue) does not match the config's \(config.dataType.rawValue)")
        }
        var adjusted = score
        switch config.dataType {
        case .numeric:
            guard let value = score.value else { return failure("a NUMERIC score needs a numeric value") }
            if let min = config.minValue, value < min { return failure("value \(value) is below minValue \(min)") }
            if let max = config.maxValue, value > max { return failure("value \(value) is above maxValue \(max)") }
        case .categorical:
            let categories = config.categories ?? []
            guard let label = score.stringValue, let category = categories.first(where: { $0.label == label }) else {
                return failure("value '\(score.stringValue ?? "")' is not one of the categories \(categories.map(\.label).joined(separator: ", "))")
            }
            adjusted.value = category.value
        default:
            break
        }
        return .success(adjusted)
    }
}
