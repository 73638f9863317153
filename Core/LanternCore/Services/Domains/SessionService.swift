import Foundation
import LanternPluginSDK

/// Sessions: the list and one session with its traces.
struct SessionService: Sendable {
    let kernel: KernelServices

    func list(_ principal: Principal, query: SessionQuery) async throws -> Page<Session> {
        try kernel.authorize(principal, .projectRead)
        return try await kernel.storage().sessions(projectID: principal.projectID, query: query)
    }

    func get(_ principal: Principal, id: String) async throws -> (session: Session, traces: [TraceSummary]) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard let session = try await storage.session(projectID: principal.projectID, id: id) else {
            throw APIError.notFound("Session not found within authorized project")
        }
        return (session, try await storage.traces(projectID: principal.projectID, sessionID: id))
    }
}
