import LanternPluginSDK

extension Role {
    /// The role named by `text` (Langfuse's upper-case names); 400 naming `field` and the choices otherwise.
    static func parse(_ text: String?, field: String = "role") throws -> Role {
        guard let text, !text.isEmpty else { throw APIError.badRequest("\(field): is required (one of \(choices))") }
        guard let role = Role(rawValue: text) else { throw APIError.badRequest("\(field): must be one of \(choices) (got '\(text)')") }
        return role
    }

    private static var choices: String { allCases.reversed().map(\.rawValue).joined(separator: ", ") }
}
