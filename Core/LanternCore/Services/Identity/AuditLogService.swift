import Foundation
import LanternPluginSDK

/// Reading and verifying the audit log an audit-log plugin keeps; gating mutations on it in fail-closed mode.
struct AuditLogService: Sendable {
    let kernel: KernelServices

    /// The first audit log loaded, or 501 naming the plugin to load.
    func log() throws -> any AuditLog {
        guard let log = kernel.runtime.auditLogs.first?.log else {
            throw APIError.notImplemented("No audit log is loaded: the config loads no audit-sink plugin that keeps a readable log")
        }
        return log
    }

    /// Records of the caller's organization (its identity changes and its projects' data changes) matching `query`.
    func records(_ caller: OrganizationPrincipal, _ query: AuditLogQuery) async throws -> [AuditRecord] {
        try kernel.authorize(caller, .auditLogsRead)
        var scoped = query
        let projects = try await kernel.organizations.projects(.system(organizationID: caller.organizationID, purpose: "audit-log"))
        let own = Set(projects.map(\.id))
        if let wanted = query.projectIDs {
            guard wanted.allSatisfy(own.contains) else { throw APIError.notFound("Project not found in organization \(caller.organizationID)") }
            scoped.projectIDs = wanted
            scoped.organizationID = nil
        } else {
            scoped.organizationID = caller.organizationID
            scoped.projectIDs = own.sorted()
        }
        return try await log().records(scoped)
    }

    /// Refuses a mutation (503, not applied) while a fail-closed audit log cannot take records.
    func ensureWritable() async throws {
        for (id, log) in kernel.runtime.auditLogs where log.mode == .failClosed {
            do { try await log.ensureWritable() } catch {
                throw APIError.unavailable("The audit log (\(id)) cannot record changes now, so nothing was changed: \(error)")
            }
        }
    }
}
