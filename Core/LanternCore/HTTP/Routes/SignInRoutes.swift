import Foundation
import Hummingbird
import LanternPluginSDK

/// Sign-in for people, under `/api/auth`: `POST sign-in` (JSON or a form post) sets the `HttpOnly` session cookie and
/// answers the session's CSRF token; `GET session` tells who is signed in; `POST sign-out` and `POST password` need
/// the cookie and the `X-CSRF-Token` header; `POST sign-up` works only with `auth.signUp: true`.
struct SignInRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on router: Router<LanternRequestContext>) {
        let group = router.group("/api/auth")
        group.post("/sign-in", use: signIn)
        group.post("/sign-up", use: signUp)
        group.post("/sign-out", use: signOut)
        group.get("/session", use: session)
        group.post("/password", use: changePassword)
    }

    @Sendable func signIn(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let fields = try await SignInForm.fields(request, limit: maxBodyBytes)
        let redirect = FormRedirect(fields)
        do {
            guard let email = fields["email"], !email.isEmpty else { throw APIError.badRequest("email: is required") }
            guard let password = fields["password"], !password.isEmpty else { throw APIError.badRequest("password: is required") }
            let started = try await support.services.signIn.signIn(email: email, password: password, address: context.clientAddress,
                                                                   requestID: context.requestID)
            guard let redirect else { return try await present(started, status: .ok) }
            var response = redirect.success()
            response.headers[.setCookie] = cookie(for: started)
            return response
        } catch let error as APIError {
            guard let redirect else { throw error }
            return redirect.failure(error.message)
        }
    }

    @Sendable func signUp(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let fields = try await SignInForm.fields(request, limit: maxBodyBytes)
        let started = try await support.services.signIn.signUp(email: fields["email"] ?? "", name: fields["name"], password: fields["password"] ?? "",
                                                               requestID: context.requestID)
        return try await present(started, status: .created)
    }

    @Sendable func signOut(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let fields = try await SignInForm.fields(request, limit: maxBodyBytes, emptyAllowed: true)
        let signedIn = try await self.signedIn(request, changesState: true, formToken: fields["csrfToken"])
        try await support.services.signIn.signOut(signedIn, requestID: context.requestID)
        var response = FormRedirect(fields)?.success() ?? JSONResponse.make(.ok, ["message": "Signed out"])
        response.headers[.setCookie] = SessionTokens.setCookie("", maxAge: 0, secure: support.runtime.config.auth.secureCookies)
        return response
    }

    @Sendable func session(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let signedIn = try await self.signedIn(request, changesState: false)
        return JSONResponse.make(.ok, try await describe(signedIn.user, signedIn.session))
    }

    @Sendable func changePassword(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let signedIn = try await self.signedIn(request, changesState: true)
        let fields = try await SignInForm.fields(request, limit: maxBodyBytes)
        guard let current = fields["currentPassword"], !current.isEmpty else { throw APIError.badRequest("currentPassword: is required") }
        let started = try await support.services.signIn.changePassword(signedIn, current: current, new: fields["newPassword"] ?? "",
                                                                       requestID: context.requestID)
        return try await present(started, status: .ok)
    }

    private func signedIn(_ request: Request, changesState: Bool, formToken: String? = nil) async throws -> SignedInUser {
        guard let token = SessionTokens.token(inCookieHeader: request.headers[.cookie]) else { throw APIError.unauthorized("Not signed in") }
        return try await support.services.access.signedIn(token: token, csrfToken: request.headers[AuthMiddleware.csrfHeader] ?? formToken,
                                                          changesState: changesState)
    }

    private func present(_ started: SignInService.Started, status: HTTPResponse.Status) async throws -> Response {
        var response = JSONResponse.make(status, try await describe(started.user, started.session))
        response.headers[.setCookie] = cookie(for: started)
        return response
    }

    private func cookie(for started: SignInService.Started) -> String {
        let auth = support.runtime.config.auth
        return SessionTokens.setCookie(started.token, maxAge: auth.sessionMaxDays * 86_400, secure: auth.secureCookies)
    }

    /// The user, the session's CSRF token and expiry, and where the user belongs with which role.
    private func describe(_ user: User, _ session: SignInSession) async throws -> JSONValue {
        let memberships = try await support.services.access.memberships(of: user)
        return ["user": IdentityPresenter.user(user), "csrfToken": .string(session.csrfToken), "expiresAt": Presenters.date(session.expiresAt),
                "organizations": .array(memberships.organizations.map {
                    ["id": .string($0.membership.organizationID), "role": .string($0.membership.role.rawValue)]
                }),
                "projects": .array(memberships.projects.map { ["id": .string($0.project.id), "name": .string($0.project.name),
                                                               "organizationId": .string($0.project.organizationID),
                                                               "role": .string($0.role.rawValue)] })]
    }
}
