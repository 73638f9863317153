import Foundation
import LanternPluginSDK

/// The caller's project, and whether storage answers at all (the health check's probe).
struct ProjectService: Sendable {
    let kernel: KernelServices

    func current(_ principal: Principal) async throws -> Project {
        guard let project = try await kernel.storage().project(id: principal.projectID) else { throw APIError.notFound("Project not found") }
        return project
    }

    /// Throws when storage is missing or cannot answer a query.
    func probeStorage() async throws { _ = try await kernel.storage().projects() }
}
