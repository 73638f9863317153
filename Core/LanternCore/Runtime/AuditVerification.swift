import LanternPluginSDK

extension LanternRuntime {
    /// Walks the chain of every audit log the config loads; throws when it loads none.
    public func verifyAuditLogs(progress: @escaping @Sendable (String, Int, Int) -> Void) async throws -> [(id: String, report: AuditChainReport)] {
        guard !auditLogs.isEmpty else {
            throw StartupError(message: "the config loads no audit log (an audit-sink plugin that keeps a readable log)")
        }
        var reports: [(id: String, report: AuditChainReport)] = []
        for (id, log) in auditLogs {
            reports.append((id, try await log.verify { checked, total in progress(id, checked, total) }))
        }
        return reports
    }
}
