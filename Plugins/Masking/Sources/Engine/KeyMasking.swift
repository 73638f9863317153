import LanternPluginSDK

/// Masks the keys of one object without losing a member: when a masked key is already taken (two e-mail keys both
/// become `[REDACTED:email]`), the later one gets `#2`, `#3`, …, in the order of the original keys, so the outcome
/// does not depend on dictionary order.
enum KeyMasking {
    /// `members` with each key `mask` changes renamed.
    static func renamed(_ members: [String: JSONValue], mask: (String) -> String?) -> [String: JSONValue] {
        var renames: [(original: String, masked: String)] = []
        for key in members.keys {
            if let masked = mask(key) { renames.append((key, masked)) }
        }
        guard !renames.isEmpty else { return members }
        var result = members
        for rename in renames { result.removeValue(forKey: rename.original) }
        for rename in renames.sorted(by: { $0.original < $1.original }) {
            var key = rename.masked
            var suffix = 2
            while result[key] != nil {
                key = "\(rename.masked)#\(suffix)"
                suffix += 1
            }
            result[key] = members[rename.original]
        }
        return result
    }
}
