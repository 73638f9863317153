import Foundation
import Hummingbird

/// The fields of a sign-in request: a JSON object of strings, or an HTML form post (`application/x-www-form-urlencoded`).
enum SignInForm {
    static func fields(_ request: Request, limit: Int) async throws -> [String: String] {
        let bytes = try await JSONResponse.collect(request, limit: limit)
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false {
            return formFields(String(decoding: bytes, as: UTF8.self))
        }
        guard case .object(let object) = try JSONResponse.parse(bytes) else { throw APIError.badRequest("body: must be a JSON object") }
        var fields: [String: String] = [:]
        for (key, value) in object {
            guard case .string(let text) = value else {
                if value == .null { continue }
                throw APIError.badRequest("\(key): must be a string")
            }
            fields[key] = text
        }
        return fields
    }

    /// `a=1&b=x+y` with percent-decoding and `+` as space.
    static func formFields(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String { text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text) }
            if let key = parts.first { fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
