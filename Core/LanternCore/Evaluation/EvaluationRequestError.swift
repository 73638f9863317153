import LanternPluginSDK

/// The unstable evaluation API's errors (`{message, code, details}`), named by Langfuse's codes.
enum EvaluationRequestError {
    /// 400 `invalid_body`, with one issue naming the field by its path.
    static func invalidBody(_ path: [JSONValue], _ message: String) -> APIError {
        let field = fieldName(path)
        return .evaluation(.badRequest, "invalid_body", "\(field): \(message)", details: [
            "field": .string(field),
            "issues": .array([["code": "custom", "message": .string(message), "path": .array(path)]]),
        ])
    }

    /// A `mapping[i].field`-style name for a path.
    static func fieldName(_ path: [JSONValue]) -> String {
        path.reduce(into: "") { name, part in
            switch part {
            case .number(let index): name += "[\(Int(index))]"
            case .string(let key): name += name.isEmpty ? key : ".\(key)"
            default: break
            }
        }
    }
}
