import Foundation
import LanternPluginSDK

/// A signed-in person behind a request: their user record and the session their cookie names.
struct SignedInUser: Sendable {
    let user: User
    let session: SignInSession
}

/// Turns a request's credentials (a Basic-auth key pair or a session cookie) into the callers services take.
/// It decides who is calling, never what they may do: that is each service's ``AccessPolicy`` check.
struct AccessResolver: Sendable {
    let kernel: KernelServices

    /// The key a Basic-auth pair names, or nil when the pair is unknown or the secret wrong. Records its last use.
    func key(publicKey: String, secretKey: String) async throws -> APIKey? {
        let storage = try kernel.storage()
        guard let key = try await storage.apiKey(publicKey: publicKey),
              Digests.constantTimeEqual(key.secretHash, APIKeys.hash(secretKey)) else { return nil }
        if let expiresAt = key.expiresAt, expiresAt <= Date() {
            throw APIError.unauthorized("API key expired at \(ISO8601Timestamp.format(expiresAt)); create a new one")
        }
        if kernel.runtime.identityState.claimTouch(key.id, lastWritten: key.lastUsedAt) {
            Task { try? await storage.touchAPIKey(id: key.id, at: Date()) }
        }
        return key
    }

    /// The user a session cookie names. 401 when the session is unknown, signed out or expired (idle or absolute);
    /// 403 when a state-changing request does not echo the session's CSRF token.
    func signedIn(token: String, csrfToken: String?, changesState: Bool, now: Date = Date()) async throws -> SignedInUser {
        let storage = try kernel.storage()
        let auth = kernel.runtime.config.auth
        guard let session = try await storage.session(id: SessionTokens.id(of: token)),
              session.expiresAt > now, now.timeIntervalSince(session.lastSeenAt) < TimeInterval(auth.sessionIdleHours * 3600),
              let user = try await storage.user(id: session.userID) else {
            throw APIError.unauthorized("Session expired or signed out; sign in again")
        }
        if changesState {
            guard let csrfToken, Digests.constantTimeEqual(csrfToken, session.csrfToken) else {
                throw APIError.forbidden("Missing or wrong X-CSRF-Token header: a request made with a session cookie must echo the session's csrfToken")
            }
        }
        if kernel.runtime.identityState.claimTouch(session.id, lastWritten: session.lastSeenAt, now: now) {
            try await storage.touchSession(id: session.id, at: now)
        }
        return SignedInUser(user: user, session: session)
    }

    /// A signed-in user acting on a project, with their effective role there: the project role when they have one,
    /// else their role in the project's organization, else NONE. 404 when the project does not exist.
    func principal(_ signedIn: SignedInUser, projectID: String, requestID: String?) async throws -> Principal {
        let storage = try kernel.storage()
        guard let project = try await storage.project(id: projectID) else { throw APIError.notFound("Project not found: \(projectID)") }
        let role = try await effectiveRole(userID: signedIn.user.id, project: project)
        return .user(projectID: project.id, email: signedIn.user.email, role: role, requestID: requestID)
    }

    /// A signed-in user acting on an organization: the one named, or their only one. Nil when they belong to several
    /// and named none, or to none at all.
    func organizationPrincipal(_ signedIn: SignedInUser, organizationID: String?, requestID: String?) async throws -> OrganizationPrincipal? {
        let memberships = try await kernel.storage().organizationMemberships(userID: signedIn.user.id)
        let chosen = organizationID.map { id in memberships.first { $0.organizationID == id } } ?? (memberships.count == 1 ? memberships.first : nil)
        guard let membership = chosen else {
            guard let organizationID else { return nil }
            return .user(organizationID: organizationID, userID: signedIn.user.id, email: signedIn.user.email, role: .none, requestID: requestID)
        }
        return .user(organizationID: membership.organizationID, userID: signedIn.user.id, email: signedIn.user.email,
                     role: membership.role, requestID: requestID)
    }

    /// A user's role in a project: their project role, else their organization role, else NONE.
    func effectiveRole(userID: String, project: Project) async throws -> Role {
        let storage = try kernel.storage()
        if let override = try await storage.projectMemberships(userID: userID).first(where: { $0.projectID == project.id }) {
            return override.role
        }
        let memberships = try await storage.organizationMemberships(userID: userID)
        return memberships.first { $0.organizationID == project.organizationID }?.role ?? .none
    }

    /// Where a user belongs: their organizations (with names) and roles, and every project they can open with their
    /// effective role there (projects where it is NONE left out).
    func memberships(of user: User) async throws
        -> (organizations: [(membership: OrganizationMembership, name: String)], projects: [(project: Project, role: Role)]) {
        let storage = try kernel.storage()
        let memberships = try await storage.organizationMemberships(userID: user.id)
        let overrides = Dictionary(try await storage.projectMemberships(userID: user.id).map { ($0.projectID, $0.role) }, uniquingKeysWith: { a, _ in a })
        var organizations: [(membership: OrganizationMembership, name: String)] = []
        var projects: [(project: Project, role: Role)] = []
        for membership in memberships {
            organizations.append((membership, try await storage.organization(id: membership.organizationID)?.name ?? membership.organizationID))
            for project in try await storage.projects(organizationID: membership.organizationID) {
                let role = overrides[project.id] ?? membership.role
                if role != .none { projects.append((project, role)) }
            }
        }
        return (organizations, projects)
    }
}
