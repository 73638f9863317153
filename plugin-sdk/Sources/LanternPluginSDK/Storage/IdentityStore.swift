import Foundation

/// Organizations, users, memberships, key listing and sign-in sessions. Not project-scoped: the kernel's
/// identity service decides who may see what and calls these with ids it has already checked.
public protocol IdentityStore: Sendable {
    /// Inserts the organization or renames the one with the same id.
    func upsertOrganization(_ organization: Organization) async throws
    /// The organization with this id, or nil.
    func organization(id: String) async throws -> Organization?
    /// The organization's projects, ordered by name.
    func projects(organizationID: String) async throws -> [Project]

    /// Inserts the user or updates the one with the same id; an email used by another user throws
    /// ``StorageError/conflict(_:)``.
    func upsertUser(_ user: User) async throws
    /// The user with this id, or nil.
    func user(id: String) async throws -> User?
    /// The user with this (lowercased) email, or nil.
    func user(email: String) async throws -> User?

    /// Inserts or replaces the user's role in the organization.
    func upsertOrganizationMembership(_ membership: OrganizationMembership) async throws
    /// Removes the user from the organization and from every project of it; false when they were no member.
    func deleteOrganizationMembership(organizationID: String, userID: String) async throws -> Bool
    /// The organization's members, ordered by user id.
    func organizationMemberships(organizationID: String) async throws -> [OrganizationMembership]
    /// Every organization the user belongs to, ordered by organization id.
    func organizationMemberships(userID: String) async throws -> [OrganizationMembership]

    /// Inserts or replaces the user's role in the project.
    func upsertProjectMembership(_ membership: ProjectMembership) async throws
    /// Removes the user's project role; false when there was none.
    func deleteProjectMembership(projectID: String, userID: String) async throws -> Bool
    /// The project's role overrides, ordered by user id.
    func projectMemberships(projectID: String) async throws -> [ProjectMembership]
    /// The user's project role overrides, ordered by project id.
    func projectMemberships(userID: String) async throws -> [ProjectMembership]

    /// The project's keys, oldest first.
    func apiKeys(projectID: String) async throws -> [APIKey]
    /// The organization's own (organization-scoped) keys, oldest first.
    func organizationAPIKeys(organizationID: String) async throws -> [APIKey]
    /// Deletes the key with this id; false when there was none. The next request with it is refused.
    func deleteAPIKey(id: String) async throws -> Bool
    /// Records that the key was used at `date`.
    func touchAPIKey(id: String, at date: Date) async throws

    /// Stores a new session.
    func insertSession(_ session: SignInSession) async throws
    /// The session with this id (token hash), or nil.
    func session(id: String) async throws -> SignInSession?
    /// Records that the session was used at `date`.
    func touchSession(id: String, at date: Date) async throws
    /// Deletes one session; false when there was none.
    func deleteSession(id: String) async throws -> Bool
    /// Deletes every session of the user; returns how many there were.
    func deleteSessions(userID: String) async throws -> Int

    /// Deletes at most `limit` rows of the project's data (traces, observations, scores, sessions, prompts,
    /// datasets, media, comments, queues, configs, models, keys, memberships), one short transaction per call so
    /// other projects' writes interleave. Returns the table and the number of rows deleted, or nil once nothing
    /// of the project is left but its `projects` row.
    func deleteProjectData(projectID: String, limit: Int) async throws -> (table: String, rows: Int)?
    /// Deletes the `projects` row itself (after ``deleteProjectData(projectID:limit:)`` returned nil); false when absent.
    func deleteProjectRecord(id: String) async throws -> Bool
}
