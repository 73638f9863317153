/// A metadata key pattern where `*` stands for any run of characters (`http.*`, `*_email`, `user.*.address`);
/// everything else matches itself, case included, as attribute keys are case-sensitive.
struct KeyGlob: Sendable, Hashable {
    /// The literal pieces between the stars.
    private let pieces: [Substring]

    /// Reads `pattern`.
    init(_ pattern: String) {
        pieces = pattern.split(separator: "*", omittingEmptySubsequences: false)
    }

    /// Whether `key` matches: the first piece is a prefix, the last a suffix, the others appear in order between.
    func matches(_ key: String) -> Bool {
        guard let first = pieces.first, let last = pieces.last else { return false }
        if pieces.count == 1 { return key == first }
        guard key.hasPrefix(first) else { return false }
        var rest = key.dropFirst(first.count)
        for middle in pieces.dropFirst().dropLast() where !middle.isEmpty {
            guard let found = rest.firstRange(of: middle) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}
