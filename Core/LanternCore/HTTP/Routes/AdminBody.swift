import Hummingbird
import LanternPluginSDK

/// Decoding of the admin API's small JSON bodies, with 400s naming the field.
enum AdminBody {
    /// A reader over the body's object; an empty body reads as `{}` when `emptyAllowed`.
    static func reader(_ request: Request, limit: Int, emptyAllowed: Bool = false) async throws -> BodyReader {
        let bytes = try await JSONResponse.collect(request, limit: limit)
        if emptyAllowed, bytes.isEmpty { return BodyReader([:]) }
        guard case .object(let object) = try JSONResponse.parse(bytes) else {
            throw APIError.badRequest("body: must be a JSON object")
        }
        return BodyReader(object)
    }

    /// A project's `{name, metadata?, retention?}`; the name is required.
    static func project(_ request: Request, limit: Int) async throws -> (name: String, metadata: [String: JSONValue]?, retention: Int?) {
        var reader = try await reader(request, limit: limit)
        let name = reader.string("name"), retention = reader.integer("retention")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let name else { throw APIError.badRequest("name: is required") }
        return (name, reader.metadata(), retention)
    }

    /// `MembershipRequest`: `{userId, role}`.
    static func membership(_ request: Request, limit: Int) async throws -> (userID: String, role: Role) {
        var reader = try await reader(request, limit: limit)
        let userID = reader.string("userId"), role = reader.string("role")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let userID, !userID.isEmpty else { throw APIError.badRequest("userId: is required") }
        return (userID, try Role.parse(role))
    }

    /// `DeleteMembershipRequest`: `{userId}`.
    static func userID(_ request: Request, limit: Int) async throws -> String {
        var reader = try await reader(request, limit: limit)
        let userID = reader.string("userId")
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard let userID, !userID.isEmpty else { throw APIError.badRequest("userId: is required") }
        return userID
    }
}
