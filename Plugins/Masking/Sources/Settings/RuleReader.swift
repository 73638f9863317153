import LanternPluginSDK

/// Reads one entry of `rules`, reporting each problem under the entry's key path (`rules[2].detector`).
enum RuleReader {
    private static let keys = ["detector", "name", "pattern", "fields", "replacement", "numbers"]
    /// The detectors whose rules may set `numbers: true`.
    private static let numberDetectors = ["credit_card", "phone"]

    /// The rule at `path`, or nil (with issues) when it is not usable. `customRank` places a custom rule in the order.
    static func read(_ value: JSONValue, path: String, customRank: Int, issues: inout [SettingsIssue]) -> MaskingRule? {
        guard case .object(let members) = value else {
            issues.append(SettingsIssue(key: path, "must be an object with a detector (got \(value.jsonText))"))
            return nil
        }
        let before = issues.count
        for key in members.keys.sorted() where !keys.contains(key) {
            issues.append(SettingsIssue(key: "\(path).\(key)", "unknown key (known: \(keys.joined(separator: ", ")))"))
        }
        let detector = readDetector(members, path: path, customRank: customRank, issues: &issues)
        let scope = FieldReader.read(members["fields"], path: "\(path).fields", issues: &issues)

        var replacement = Replacement.redact
        if let given = members["replacement"], given != .null {
            if let chosen = given.stringValue.flatMap(Replacement.init(rawValue:)) {
                replacement = chosen
            } else {
                issues.append(SettingsIssue(key: "\(path).replacement", "must be redact or hash (got \(given.jsonText))"))
            }
        }

        var numbers = false
        switch members["numbers"] {
        case nil, .null?: break
        case .bool(let flag)?:
            numbers = flag
            if flag, let detector, !(detector.detector is any NumberDetector) {
                issues.append(SettingsIssue(key: "\(path).numbers", "applies only to \(numberDetectors.joined(separator: " and ")) rules"))
            }
        case let other?: issues.append(SettingsIssue(key: "\(path).numbers", "must be true or false (got \(other.jsonText))"))
        }

        guard issues.count == before, let detector, let scope else { return nil }
        return MaskingRule(detector: detector.detector, rank: detector.rank, scope: scope, replacement: replacement, numbers: numbers)
    }

    /// The rule's detector: a built-in by name, or a custom one from `name` and `pattern`.
    private static func readDetector(_ members: [String: JSONValue], path: String, customRank: Int,
                                     issues: inout [SettingsIssue]) -> (detector: any Detector, rank: Int)? {
        let known = DetectorCatalog.knownNames.joined(separator: ", ")
        guard case .string(let name)? = members["detector"] else {
            let got = members["detector"].map { " (got \($0.jsonText))" } ?? ""
            issues.append(SettingsIssue(key: "\(path).detector", "is required: one of \(known)\(got)"))
            return nil
        }
        if DetectorCatalog.folded(name) != DetectorCatalog.customName {
            guard let builtIn = DetectorCatalog.builtIn(named: name) else {
                issues.append(SettingsIssue(key: "\(path).detector", "unknown detector '\(name)' (known: \(known))"))
                return nil
            }
            for key in ["name", "pattern"] where members[key] != nil {
                issues.append(SettingsIssue(key: "\(path).\(key)", "is only for custom rules (detector: custom)"))
            }
            return builtIn
        }
        let customName = readCustomName(members["name"], path: "\(path).name", issues: &issues)
        guard case .string(let pattern)? = members["pattern"], !pattern.isEmpty else {
            issues.append(SettingsIssue(key: "\(path).pattern", "is required for a custom rule: a regular expression"))
            return nil
        }
        guard let customName else { return nil }
        guard let custom = CustomPatternDetector(name: customName, pattern: pattern) else {
            issues.append(SettingsIssue(key: "\(path).pattern", "is not a valid regular expression: \(pattern)"))
            return nil
        }
        guard !custom.matchesEmptyText else {
            issues.append(SettingsIssue(key: "\(path).pattern", "matches the empty text, so it would match everywhere: \(pattern)"))
            return nil
        }
        return (custom, customRank)
    }

    /// A custom rule's name: it appears in replacements and as a counter label, so it is kept plain.
    private static func readCustomName(_ value: JSONValue?, path: String, issues: inout [SettingsIssue]) -> String? {
        guard case .string(let name)? = value else {
            issues.append(SettingsIssue(key: path, "is required for a custom rule: the name its replacements show"))
            return nil
        }
        let bytes = Array(name.utf8)
        guard (1...40).contains(bytes.count), let first = bytes.first, ASCII.isLower(first),
              bytes.allSatisfy({ ASCII.isLower($0) || ASCII.isDigit($0) || $0 == UInt8(ascii: "_") }) else {
            issues.append(SettingsIssue(key: path, "must be 1 to 40 lower-case letters, digits or '_', starting with a letter (got '\(name)')"))
            return nil
        }
        guard DetectorCatalog.builtIn(named: name) == nil, name != DetectorCatalog.customName else {
            issues.append(SettingsIssue(key: path, "'\(name)' is a built-in detector's name; choose another"))
            return nil
        }
        return name
    }
}
