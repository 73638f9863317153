import LanternPluginSDK

/// The component's settings, checked: the rules, whether keys are scanned, the hash secret.
struct MaskingSettings: Sendable {
    let rules: [MaskingRule]
    let maskKeys: Bool
    /// Present whenever a rule hashes (reading refuses settings otherwise).
    let hashSecret: String?

    /// Below this a secret can be guessed by trying; HMAC keys shorter than the hash are weak anyway.
    static let minimumSecretLength = 16

    /// The declared settings. `rules` is declared as an object because the SDK's setting types have no list of objects
    /// yet: the kernel's type check lets only the named form (`rules: {name: {…}}`) through; ``read(_:)`` takes a
    /// list as well, with issues keyed `rules[2]`.
    static let specs: [SettingSpec] = [
        SettingSpec("rules", .object, help: "what to mask: {name: {detector, name, pattern, fields, replacement, numbers}}; "
            + "default: every built-in detector everywhere, redacted"),
        SettingSpec("hashSecret", .string, help: "key of replacement: hash, at least \(minimumSecretLength) characters"),
        SettingSpec("maskKeys", .boolean, help: "scan JSON object keys too (default true)"),
    ]

    /// Every built-in detector, everywhere, redacted: what masking does without `rules`.
    static var defaultRules: [MaskingRule] {
        DetectorCatalog.builtIns.enumerated().map { rank, detector in
            MaskingRule(detector: detector, rank: rank, scope: .all, replacement: .redact, numbers: false)
        }
    }

    /// Reads and checks `settings`; throws every issue at once, each with its key path.
    static func read(_ settings: PluginSettings) throws(MaskingSettingsError) -> MaskingSettings {
        var issues: [SettingsIssue] = []
        let rules = readRules(settings.values["rules"], issues: &issues)

        var maskKeys = true
        switch settings.values["maskKeys"] {
        case nil, .null?: break
        case .bool(let value)?: maskKeys = value
        case let other?: issues.append(SettingsIssue(key: "maskKeys", "must be true or false (got \(other.jsonText))"))
        }

        var hashSecret: String?
        var secretGiven = true
        switch settings.values["hashSecret"] {
        case nil, .null?: secretGiven = false
        case .string(let secret)? where secret.utf8.count >= minimumSecretLength: hashSecret = secret
        case .string?: issues.append(SettingsIssue(key: "hashSecret", "must be at least \(minimumSecretLength) characters"))
        case let other?: issues.append(SettingsIssue(key: "hashSecret", "must be a string (got \(other.jsonText))"))
        }
        // Judged on the entries as written, so the secret is asked for even when that rule has other problems.
        if !secretGiven,
           let hashing = ruleEntries(settings.values["rules"])?.first(where: { $0.value.objectValue?["replacement"] == "hash" }) {
            issues.append(SettingsIssue(key: "hashSecret", "is required when a rule hashes (\(hashing.path).replacement is hash)"))
        }

        guard issues.isEmpty else { throw MaskingSettingsError(issues: issues) }
        return MaskingSettings(rules: rules.isEmpty ? defaultRules : rules.map { $0.rule }, maskKeys: maskKeys, hashSecret: hashSecret)
    }

    /// The entries of `rules` with their key paths: a list (`rules[2]`) or named rules (`rules.cards`, by name).
    /// Empty when absent; nil when `rules` is neither.
    private static func ruleEntries(_ value: JSONValue?) -> [(path: String, value: JSONValue)]? {
        switch value {
        case nil, .null?: []
        case .array(let items)?: items.enumerated().map { ("rules[\($0)]", $1) }
        case .object(let named)?: named.sorted { $0.key < $1.key }.map { ("rules.\($0.key)", $0.value) }
        default: nil
        }
    }

    /// The rules with their key paths; empty when `rules` is absent (the default applies) or wrong (issues say why).
    private static func readRules(_ value: JSONValue?, issues: inout [SettingsIssue]) -> [(path: String, rule: MaskingRule)] {
        guard let entries = ruleEntries(value) else {
            issues.append(SettingsIssue(key: "rules", "must be a list of rules or an object of named rules (got \(value?.jsonText ?? "null"))"))
            return []
        }
        guard let value, value != .null else { return [] }
        guard !entries.isEmpty else {
            issues.append(SettingsIssue(key: "rules", "names no rule; leave it out to mask with every built-in detector"))
            return []
        }
        return entries.enumerated().compactMap { position, entry in
            RuleReader.read(entry.value, path: entry.path, customRank: DetectorCatalog.builtIns.count + position, issues: &issues)
                .map { (entry.path, $0) }
        }
    }
}

/// Settings that cannot be used, with every issue found.
struct MaskingSettingsError: Error, CustomStringConvertible {
    let issues: [SettingsIssue]
    var description: String { issues.map(\.description).joined(separator: "; ") }
}
