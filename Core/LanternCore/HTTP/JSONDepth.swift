import LanternPluginSDK

/// The nesting bound of JSON request bodies: deeper documents are refused with 400 naming the first field past it,
/// so no later recursive walk (presenters, storage encoders, plugins) meets an unbounded depth. The same bound as
/// the OTLP receiver's for JSON inside attributes.
enum JSONDepth {
    /// Arrays and objects nested deeper than this are refused.
    static let limit = 64

    /// The path (`batch[0].body.input.a`) of the first array or object nested deeper than `limit` in `value`, or nil.
    static func firstTooDeep(_ value: JSONValue, limit: Int = limit) -> String? {
        var stack: [(value: JSONValue, depth: Int, path: String)] = [(value, 0, "")]
        while let (current, depth, path) = stack.popLast() {
            switch current {
            case .array(let items):
                guard depth < limit else { return path.isEmpty ? "(the body)" : path }
                for (index, item) in items.enumerated().reversed() { stack.append((item, depth + 1, "\(path)[\(index)]")) }
            case .object(let members):
                guard depth < limit else { return path.isEmpty ? "(the body)" : path }
                for key in members.keys.sorted().reversed() {
                    stack.append((members[key] ?? .null, depth + 1, path.isEmpty ? key : "\(path).\(key)"))
                }
            default: continue
            }
        }
        return nil
    }
}
