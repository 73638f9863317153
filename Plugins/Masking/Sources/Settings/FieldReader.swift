import LanternPluginSDK

/// Reads a rule's `fields:` list into a ``FieldScope``.
enum FieldReader {
    private static let metadataPrefix = "metadata:"
    private static var known: String { MaskField.allCases.map(\.rawValue).joined(separator: ", ") + ", metadata:<key glob>" }

    /// The scope at `path`; ``FieldScope/all`` when absent; nil (with issues) when wrong.
    static func read(_ value: JSONValue?, path: String, issues: inout [SettingsIssue]) -> FieldScope? {
        guard let value, value != .null else { return .all }
        guard case .array(let items) = value else {
            issues.append(SettingsIssue(key: path, "must be a list of fields (\(known))"))
            return nil
        }
        guard !items.isEmpty else {
            issues.append(SettingsIssue(key: path, "names no field; leave it out to mask every field"))
            return nil
        }
        var fields: Set<MaskField> = []
        var globs: [KeyGlob] = []
        let before = issues.count
        for (index, item) in items.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard case .string(let text) = item else {
                issues.append(SettingsIssue(key: itemPath, "must be a field name (got \(item.jsonText))"))
                continue
            }
            if text.hasPrefix(metadataPrefix) {
                let glob = String(text.dropFirst(metadataPrefix.count))
                if glob.isEmpty {
                    issues.append(SettingsIssue(key: itemPath, "needs a key glob after 'metadata:' (as in metadata:http.*)"))
                } else {
                    globs.append(KeyGlob(glob))
                }
            } else if let field = MaskField.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) {
                fields.insert(field)
            } else {
                issues.append(SettingsIssue(key: itemPath, "unknown field '\(text)' (known: \(known))"))
            }
        }
        return issues.count == before ? FieldScope(everywhere: false, fields: fields, metadataKeys: globs) : nil
    }
}
