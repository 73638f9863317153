/// Turns a matched value into its token for one project.
struct Replacer: Sendable {
    /// The project's hasher; nil when no rule hashes.
    let hasher: ProjectHasher?

    /// The replacement of `value` found by `detector`.
    func token(for value: String, detector: String, replacement: Replacement) -> String {
        switch replacement {
        case .redact:
            return "[REDACTED:\(detector)]"
        case .hash:
            // Settings that hash always carry a secret; should one be missing all the same, redacting still hides the value.
            guard let hasher else { return "[REDACTED:\(detector)]" }
            return "[HASH:\(detector):\(hasher.digest(value))]"
        }
    }
}
