import Foundation
import LanternPluginSDK

/// The caller's project, and whether storage answers at all (the health check's probe).
struct ProjectService: Sendable {
    let kernel: KernelServices

    /// The caller's project and the organization that owns it.
    func current(_ principal: Principal) async throws -> (project: Project, organization: Organization) {
        try kernel.authorize(principal, .projectRead)
        let storage = try kernel.storage()
        guard let project = try await storage.project(id: principal.projectID) else { throw APIError.notFound("Project not found") }
        let organization = try await storage.organization(id: project.organizationID)
            ?? Organization(id: project.organizationID, name: project.organizationID, createdAt: project.createdAt)
        return (project, organization)
    }

    /// Throws when storage is missing or cannot answer a query.
    func probeStorage() async throws { _ = try await kernel.storage().projects() }
}
