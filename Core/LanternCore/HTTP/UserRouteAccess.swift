import Foundation
import HTTPTypes
import Hummingbird
import LanternPluginSDK

/// Who may reach a plugin's user route (a web page): a signed-in person, with the CSRF token on anything that changes
/// state. Without a session a page view is sent to the sign-in page and anything else gets 401.
struct UserRouteAccess: Sendable {
    let services: KernelServices
    let signInPath: String

    enum Outcome: Sendable {
        case signedIn(PluginUser)
        case refused(Response)
    }

    func resolve(_ request: Request, body: [UInt8]) async throws -> Outcome {
        let changesState = ![.get, .head, .options].contains(request.method)
        guard let token = SessionTokens.token(inCookieHeader: request.headers[.cookie]) else { return refusal(request, changesState) }
        let csrf = request.headers[AuthMiddleware.csrfHeader] ?? Self.formField("csrfToken", in: body, request)
        let signedIn: SignedInUser
        do {
            signedIn = try await services.access.signedIn(token: token, csrfToken: csrf, changesState: changesState)
        } catch let error as APIError where error.status == .unauthorized {
            return refusal(request, changesState)
        }
        return .signedIn(try await user(signedIn, credential: token))
    }

    /// The person as the plugin sees them: their organizations and the projects they can open, with roles.
    private func user(_ signedIn: SignedInUser, credential: String) async throws -> PluginUser {
        let memberships = try await services.access.memberships(of: signedIn.user)
        let organizations = memberships.organizations.map {
            PluginUser.OrganizationAccess(id: $0.membership.organizationID, name: $0.name, role: $0.membership.role.rawValue)
        }
        return PluginUser(id: signedIn.user.id, email: signedIn.user.email, name: signedIn.user.name, csrfToken: signedIn.session.csrfToken,
                          credential: credential, organizations: organizations,
                          projects: memberships.projects.map { .init(id: $0.project.id, name: $0.project.name, organizationID: $0.project.organizationID,
                                                                     role: $0.role.rawValue) })
    }

    private func refusal(_ request: Request, _ changesState: Bool) -> Outcome {
        guard !changesState else { return .refused(APIError.unauthorized("Not signed in").response()) }
        var next = URLComponents()
        next.queryItems = [URLQueryItem(name: "next", value: request.uri.description)]
        var response = Response(status: .seeOther)
        response.headers[.location] = signInPath + (next.percentEncodedQuery.map { "?" + $0 } ?? "")
        return .refused(response)
    }

    /// A field of a form-urlencoded body.
    private static func formField(_ name: String, in body: [UInt8], _ request: Request) -> String? {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") ?? false else { return nil }
        return SignInForm.formFields(String(decoding: body, as: UTF8.self))[name]
    }
}
