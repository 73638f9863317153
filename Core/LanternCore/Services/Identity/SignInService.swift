import Foundation
import LanternPluginSDK

/// People signing in and out. Sessions live in the database, so every server sharing it accepts them and a
/// sign-out on one is seen by all on the next request.
struct SignInService: Sendable {
    let kernel: KernelServices

    /// A new session: the token goes into the cookie, the record (with the token's hash as id) into storage.
    struct Started: Sendable {
        let user: User
        let session: SignInSession
        let token: String
    }

    /// Signs in with email and password. Unknown emails and wrong passwords get the same answer after the same
    /// bcrypt work; failures are counted per account and per address, and past the limit the answer is 429.
    func signIn(email: String, password: String, address: String, requestID: String?) async throws -> Started {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let throttle = kernel.runtime.identityState.throttle
        try throttle.check(email: email, address: address)
        let storage = try kernel.storage()
        let user = try await storage.user(email: email)
        guard await PasswordHasher.verify(password, against: user?.passwordHash), let user else {
            throttle.recordFailure(email: email, address: address)
            kernel.audit.record(actor: "user:\(email)", requestID: requestID, "signIn", email, "failed", after: ["address": .string(address)])
            throw APIError.unauthorized("Invalid email or password")
        }
        throttle.recordSuccess(email: email)
        let started = try await start(for: user)
        kernel.audit.record(actor: "user:\(email)", requestID: requestID, "session", started.session.id, "created",
                            after: ["userId": .string(user.id), "address": .string(address)])
        return started
    }

    /// Creates an account when the config allows sign-up (`auth.signUp: true`), then signs it in. The new user
    /// belongs to no organization until someone adds them.
    func signUp(email: String, name: String?, password: String, requestID: String?) async throws -> Started {
        guard kernel.runtime.config.auth.signUp else {
            throw APIError.forbidden("Sign-up is disabled on this server (auth.signUp: false); ask an administrator to create your account")
        }
        let email = try UserService.validEmail(email)
        try PasswordRules.check(password, email: email)
        let storage = try kernel.storage()
        if try await storage.user(email: email) != nil { throw APIError.conflict("email: an account with this email already exists") }
        let now = Date()
        let user = User(id: "user-" + UUID().uuidString.lowercased(), email: email, name: UserService.displayName(name, email: email),
                        passwordHash: await PasswordHasher.hash(password), createdAt: now, updatedAt: now)
        try await storage.upsertUser(user)
        kernel.audit.record(actor: "user:\(email)", requestID: requestID, "user", user.id, "created", after: IdentityPresenter.auditView(user))
        return try await start(for: user)
    }

    /// Ends the session.
    func signOut(_ signedIn: SignedInUser, requestID: String?) async throws {
        _ = try await kernel.storage().deleteSession(id: signedIn.session.id)
        kernel.audit.record(actor: "user:\(signedIn.user.email)", requestID: requestID, "session", signedIn.session.id, "revoked")
    }

    /// Changes the password after checking the current one, ends every session of the user (on every server) and
    /// starts a fresh one for the caller.
    func changePassword(_ signedIn: SignedInUser, current: String, new: String, requestID: String?) async throws -> Started {
        guard await PasswordHasher.verify(current, against: signedIn.user.passwordHash) else {
            throw APIError.badRequest("currentPassword: is wrong")
        }
        try PasswordRules.check(new, email: signedIn.user.email)
        let storage = try kernel.storage()
        var user = signedIn.user
        user.passwordHash = await PasswordHasher.hash(new)
        user.updatedAt = Date()
        try await storage.upsertUser(user)
        let revoked = try await storage.deleteSessions(userID: user.id)
        kernel.audit.record(actor: "user:\(user.email)", requestID: requestID, "user", user.id, "password-changed",
                            after: ["sessionsRevoked": .number(Double(revoked))])
        return try await start(for: user)
    }

    private func start(for user: User) async throws -> Started {
        let auth = kernel.runtime.config.auth
        let token = SessionTokens.random()
        let now = Date()
        let session = SignInSession(id: SessionTokens.id(of: token), userID: user.id, csrfToken: SessionTokens.random(), createdAt: now,
                                    lastSeenAt: now, expiresAt: now.addingTimeInterval(TimeInterval(auth.sessionMaxDays * 86_400)))
        try await kernel.storage().insertSession(session)
        return Started(user: user, session: session, token: token)
    }
}
