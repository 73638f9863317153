import LanternPluginSDK

/// Dialect-specific comparisons for filters: case-sensitive text matching (as Langfuse's), tag lists, and the
/// values of metadata keys.
extension MetricsSQLDialect {
    /// `text` compared with `value` by `op`, case-sensitively in both dialects: SQLite `GLOB` (its `LIKE`
    /// ignores ASCII case) and PostgreSQL `LIKE`, with the pattern's wildcard characters escaped.
    func textMatch(_ text: String, _ op: MetricsFilter.TextOperator, _ value: String,
                   parameters: inout MetricsSQLParameters) -> String {
        let literal = escapedPattern(value)
        let any = self == .sqlite ? "*" : "%"
        let (matches, negated) = self == .sqlite ? ("GLOB", "NOT GLOB") : ("LIKE", "NOT LIKE")
        switch op {
        case .equals: return "\(text) = \(parameters.bind(.text(value)))"
        case .contains: return "\(text) \(matches) \(parameters.bind(.text(any + literal + any)))"
        case .doesNotContain: return "\(text) \(negated) \(parameters.bind(.text(any + literal + any)))"
        case .startsWith: return "\(text) \(matches) \(parameters.bind(.text(literal + any)))"
        case .endsWith: return "\(text) \(matches) \(parameters.bind(.text(any + literal)))"
        // An operator of a newer SDK matches nothing rather than something it was not meant to.
        @unknown default: return "1 = 0"
        }
    }

    /// `value` as a pattern matching only itself: SQLite GLOB brackets `*`, `?` and `[`; PostgreSQL LIKE
    /// prefixes `%`, `_` and `\` with its default escape character, the backslash.
    func escapedPattern(_ value: String) -> String {
        var pattern = ""
        for character in value {
            switch (self, character) {
            case (.sqlite, "*"), (.sqlite, "?"), (.sqlite, "["): pattern += "[\(character)]"
            case (.postgres, "%"), (.postgres, "_"), (.postgres, "\\"): pattern += "\\\(character)"
            default: pattern.append(character)
            }
        }
        return pattern
    }

    /// A condition on a JSON array of strings (`tags`): holds any, none, or all of `options`. An absent array
    /// (an observation whose trace is missing) holds none.
    func arrayMembership(_ array: String, _ op: MetricsFilter.OptionsOperator, _ options: [String],
                         parameters: inout MetricsSQLParameters) -> String {
        guard !options.isEmpty else { return op == .anyOf ? "1 = 0" : "1 = 1" }
        let elements = self == .sqlite ? "json_each(\(array)) AS tag" : "jsonb_array_elements_text(\(array)) AS tag(value)"
        switch op {
        case .anyOf, .noneOf:
            let exists = "EXISTS (SELECT 1 FROM \(elements) WHERE tag.value IN (\(parameters.bindList(options))))"
            return op == .anyOf ? exists : "NOT \(exists)"
        case .allOf:
            if self == .postgres { return "\(array) @> jsonb_build_array(\(parameters.bindList(options)))" }
            let each = options.map { "EXISTS (SELECT 1 FROM \(elements) WHERE tag.value = \(parameters.bind(.text($0))))" }
            return "(" + each.joined(separator: " AND ") + ")"
        @unknown default: return "1 = 0"
        }
    }

    /// The text of metadata key `key` in the JSON object `metadata` (booleans as `true`/`false`, numbers in
    /// their decimal form, objects and arrays as JSON); NULL when the key is absent or JSON null. The key is
    /// bound, never written into a JSON path.
    func metadataText(_ metadata: String, key: String, parameters: inout MetricsSQLParameters) -> String {
        switch self {
        case .sqlite:
            return "(SELECT CASE meta.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(meta.value AS TEXT) END "
                + "FROM json_each(\(metadata)) AS meta WHERE meta.key = \(parameters.bind(.text(key))))"
        case .postgres:
            return "(\(metadata) ->> \(parameters.bind(.text(key))))"
        }
    }

    /// The number at metadata key `key`; NULL when the key is absent or holds anything but a JSON number.
    func metadataNumber(_ metadata: String, key: String, parameters: inout MetricsSQLParameters) -> String {
        let placeholder = parameters.bind(.text(key))
        switch self {
        case .sqlite:
            return "(SELECT meta.value FROM json_each(\(metadata)) AS meta WHERE meta.key = \(placeholder) "
                + "AND meta.type IN ('integer', 'real'))"
        case .postgres:
            // The one parameter appears twice: PostgreSQL placeholders are numbered.
            return "(CASE WHEN jsonb_typeof(\(metadata) -> \(placeholder)) = 'number' "
                + "THEN CAST(\(metadata) ->> \(placeholder) AS double precision) END)"
        }
    }
}
