import Foundation
import Hummingbird

/// The fields of a sign-in request: a JSON object of strings, or an HTML form post (`application/x-www-form-urlencoded`).
enum SignInForm {
    static func fields(_ request: Request, limit: Int, emptyAllowed: Bool = false) async throws -> [String: String] {
        let bytes = try await JSONResponse.collect(request, limit: limit)
        if emptyAllowed, bytes.isEmpty { return [:] }
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

/// The redirects of a browser's form post (no JavaScript): the form names where to go on success (`next`) and which
/// page shows a failure (`failurePage`, which gets `?error=…&next=…`). Only same-site paths are followed, so a
/// crafted form cannot send the person elsewhere.
struct FormRedirect {
    let next: String
    let failurePage: String

    /// Nil unless the form asked for redirects.
    init?(_ fields: [String: String]) {
        guard let next = fields["next"] else { return nil }
        self.next = Self.sameSite(next) ?? "/"
        failurePage = fields["failurePage"].flatMap(Self.sameSite) ?? "/"
    }

    func success() -> Response {
        var response = Response(status: .seeOther)
        response.headers[.location] = next
        return response
    }

    func failure(_ message: String) -> Response {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "error", value: message), URLQueryItem(name: "next", value: next)]
        var response = Response(status: .seeOther)
        response.headers[.location] = failurePage + "?" + (components.percentEncodedQuery ?? "")
        return response
    }

    /// `path` when it is a path on this site (`/…`, not `//host` or a scheme), else nil.
    static func sameSite(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), !path.contains("\r"), !path.contains("\n") else { return nil }
        return path
    }
}
