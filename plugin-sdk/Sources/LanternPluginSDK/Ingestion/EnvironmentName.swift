/// Langfuse's environment normalisation, shared by every ingestion path.
public enum EnvironmentName {
    /// The environment used when none (or an invalid one) is given.
    public static let fallback = "default"

    /// Lower-cases, strips a leading `langfuse`/`langfuse-`/`langfuse_`, truncates to 40 characters;
    /// anything then outside `[a-z0-9-_]` or empty becomes `default`.
    public static func normalize(_ raw: String?) -> String {
        guard var value = raw?.lowercased() else { return fallback }
        for prefix in ["langfuse-", "langfuse_", "langfuse"] where value.hasPrefix(prefix) {
            value.removeFirst(prefix.count)
            break
        }
        value = String(value.prefix(40))
        let allowed = value.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_"
        }
        return value.isEmpty || !allowed ? fallback : value
    }
}
