import Foundation
import LanternPluginSDK

/// A storage that forwards every call to `base`; test doubles subclass it and override what they change.
class DelegatingStorage: StorageBackend, @unchecked Sendable {
    let base: any StorageBackend
    init(base: any StorageBackend) { self.base = base }

    func start(host: any PluginHost) async throws { try await base.start(host: host) }
    func shutdown() async { await base.shutdown() }
    func migrate() async throws { try await base.migrate() }
    func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        try await base.write(events, projectID: projectID)
    }
    var concurrentWrites: Int { base.concurrentWrites }
    func upsertProject(_ project: Project) async throws { try await base.upsertProject(project) }
    func projects() async throws -> [Project] { try await base.projects() }
    func project(named name: String) async throws -> Project? { try await base.project(named: name) }
    func project(id: String) async throws -> Project? { try await base.project(id: id) }
    func upsertAPIKey(_ key: APIKey) async throws { try await base.upsertAPIKey(key) }
    func apiKey(publicKey: String) async throws -> APIKey? { try await base.apiKey(publicKey: publicKey) }
    func upsertOrganization(_ organization: Organization) async throws { try await base.upsertOrganization(organization) }
    func organization(id: String) async throws -> Organization? { try await base.organization(id: id) }
    func projects(organizationID: String) async throws -> [Project] { try await base.projects(organizationID: organizationID) }
    func upsertUser(_ user: User) async throws { try await base.upsertUser(user) }
    func user(id: String) async throws -> User? { try await base.user(id: id) }
    func user(email: String) async throws -> User? { try await base.user(email: email) }
    func upsertOrganizationMembership(_ membership: OrganizationMembership) async throws { try await base.upsertOrganizationMembership(membership) }
    func deleteOrganizationMembership(organizationID: String, userID: String) async throws -> Bool {
        try await base.deleteOrganizationMembership(organizationID: organizationID, userID: userID)
    }
    func organizationMemberships(organizationID: String) async throws -> [OrganizationMembership] {
        try await base.organizationMemberships(organizationID: organizationID)
    }
    func organizationMemberships(userID: String) async throws -> [OrganizationMembership] { try await base.organizationMemberships(userID: userID) }
    func upsertProjectMembership(_ membership: ProjectMembership) async throws { try await base.upsertProjectMembership(membership) }
    func deleteProjectMembership(projectID: String, userID: String) async throws -> Bool {
        try await base.deleteProjectMembership(projectID: projectID, userID: userID)
    }
    func projectMemberships(projectID: String) async throws -> [ProjectMembership] { try await base.projectMemberships(projectID: projectID) }
    func projectMemberships(userID: String) async throws -> [ProjectMembership] { try await base.projectMemberships(userID: userID) }
    func apiKeys(projectID: String) async throws -> [APIKey] { try await base.apiKeys(projectID: projectID) }
    func organizationAPIKeys(organizationID: String) async throws -> [APIKey] { try await base.organizationAPIKeys(organizationID: organizationID) }
    func deleteAPIKey(id: String) async throws -> Bool { try await base.deleteAPIKey(id: id) }
    func touchAPIKey(id: String, at date: Date) async throws { try await base.touchAPIKey(id: id, at: date) }
    func insertSession(_ session: SignInSession) async throws { try await base.insertSession(session) }
    func session(id: String) async throws -> SignInSession? { try await base.session(id: id) }
    func touchSession(id: String, at date: Date) async throws { try await base.touchSession(id: id, at: date) }
    func deleteSession(id: String) async throws -> Bool { try await base.deleteSession(id: id) }
    func deleteSessions(userID: String) async throws -> Int { try await base.deleteSessions(userID: userID) }
    func deleteProjectData(projectID: String, limit: Int) async throws -> (table: String, rows: Int)? {
        try await base.deleteProjectData(projectID: projectID, limit: limit)
    }
    func deleteProjectRecord(id: String) async throws -> Bool { try await base.deleteProjectRecord(id: id) }
    func traces(projectID: String, query: TraceQuery) async throws -> Page<TraceSummary> { try await base.traces(projectID: projectID, query: query) }
    func trace(projectID: String, id: String) async throws -> TraceSummary? { try await base.trace(projectID: projectID, id: id) }
    func observations(projectID: String, traceIDs: [String]) async throws -> [Observation] { try await base.observations(projectID: projectID, traceIDs: traceIDs) }
    func observations(projectID: String, query: ObservationQuery) async throws -> Page<Observation> { try await base.observations(projectID: projectID, query: query) }
    func observation(projectID: String, id: String) async throws -> Observation? { try await base.observation(projectID: projectID, id: id) }
    func scores(projectID: String, traceIDs: [String]) async throws -> [Score] { try await base.scores(projectID: projectID, traceIDs: traceIDs) }
    func deleteTraces(projectID: String, ids: [String]) async throws -> Int { try await base.deleteTraces(projectID: projectID, ids: ids) }
    func sessions(projectID: String, query: SessionQuery) async throws -> Page<Session> { try await base.sessions(projectID: projectID, query: query) }
    func session(projectID: String, id: String) async throws -> Session? { try await base.session(projectID: projectID, id: id) }
    func traces(projectID: String, sessionID: String) async throws -> [TraceSummary] { try await base.traces(projectID: projectID, sessionID: sessionID) }
    func createPromptVersion(_ draft: Prompt) async throws -> Prompt { try await base.createPromptVersion(draft) }
    func promptVersion(projectID: String, name: String, version: Int) async throws -> Prompt? {
        try await base.promptVersion(projectID: projectID, name: name, version: version)
    }
    func promptVersion(projectID: String, name: String, label: String) async throws -> Prompt? {
        try await base.promptVersion(projectID: projectID, name: name, label: label)
    }
    func setPromptLabels(projectID: String, name: String, version: Int, labels: [String]) async throws -> Prompt? {
        try await base.setPromptLabels(projectID: projectID, name: name, version: version, labels: labels)
    }
    func promptVersions(projectID: String, name: String) async throws -> [Prompt] { try await base.promptVersions(projectID: projectID, name: name) }
}
