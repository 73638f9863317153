import LanternPluginSDK

/// Langfuse's rules for a model's tiers taken together (`validatePricingTiers`), and for its regular expressions.
///
/// At least one tier; exactly one default tier, with priority 0 and no conditions; every other tier has at least
/// one condition; priorities and names are unique; every tier has at least one price, and the same usage types as
/// the default tier.
enum PricingTierRules {
    /// Longest usage-detail pattern Langfuse accepts.
    static let maxUsagePatternLength = 200

    /// Why `pattern` is not an acceptable regular expression, nil when it is.
    static func patternProblem(_ pattern: String, maxLength: Int?) -> String? {
        if let maxLength, pattern.count > maxLength { return "must be at most \(maxLength) characters" }
        guard PatternCache.shared.pattern(pattern, caseSensitive: true).isValid else {
            return "is not a valid regular expression"
        }
        return nil
    }

    /// Records every way `tiers` (read from the JSON array at `path`, in its order) break the rules.
    static func check(_ tiers: [PricingTier], path: String, problems: inout JSONProblems) {
        guard !tiers.isEmpty else {
            problems.add(path, "at least one pricing tier is required")
            return
        }
        let defaults = tiers.enumerated().filter { $0.element.isDefault }
        guard defaults.count == 1, let found = defaults.first else {
            problems.add(path, "exactly one tier must have isDefault: true (found \(defaults.count))")
            return
        }
        let (defaultIndex, defaultTier) = (found.offset, found.element)
        if defaultTier.priority != 0 {
            problems.add("\(path)[\(defaultIndex)].priority", "the default tier must have priority 0")
        }
        if !defaultTier.conditions.isEmpty {
            problems.add("\(path)[\(defaultIndex)].conditions", "the default tier must have no conditions")
        }
        let defaultKeys = defaultTier.prices.keys.sorted()
        var priorities: Set<Int> = [], names: Set<String> = []
        for (index, tier) in tiers.enumerated() {
            if !tier.isDefault && tier.conditions.isEmpty {
                problems.add("\(path)[\(index)].conditions", "a tier that is not the default needs at least one condition")
            }
            if !priorities.insert(tier.priority).inserted {
                problems.add("\(path)[\(index)].priority", "duplicates another tier's priority")
            }
            if !names.insert(tier.name).inserted { problems.add("\(path)[\(index)].name", "duplicates another tier's name") }
            if tier.prices.isEmpty {
                problems.add("\(path)[\(index)].prices", "needs at least one price")
            } else if tier.prices.keys.sorted() != defaultKeys {
                let expected = defaultKeys.joined(separator: ", "), got = tier.prices.keys.sorted().joined(separator: ", ")
                problems.add("\(path)[\(index)].prices",
                             "must price the same usage types as the default tier (expected \(expected); got \(got))")
            }
        }
    }
}
