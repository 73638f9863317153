import LanternPluginSDK

/// JSON indented for reading, with long strings cut so a page never carries megabytes of base64: the full value stays
/// one API call away.
enum PrettyJSON {
    /// Strings longer than this are shortened on the page.
    static let longString = 4_000

    static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1), closing = String(repeating: "  ", count: indent)
        switch value {
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += pad + JSONValue.string(key).jsonText + ": "
                write(members[key] ?? .null, indent: indent + 1, into: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += pad
                write(item, indent: indent + 1, into: &out)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        case .string(let text) where text.count > longString:
            out += JSONValue.string(String(text.prefix(200)) + "… (\(text.count) characters)").jsonText
        default:
            out += value.jsonText
        }
    }
}
