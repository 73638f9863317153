import Foundation
import LanternPluginSDK
import Logging

/// Deletes deleted projects' data in the background, a bounded batch per storage transaction, so other projects'
/// writes interleave and a large project never holds the database. Progress goes to the log. A server stopped
/// half-way leaves the project listed; deleting it again finishes the job.
final class ProjectDeletions: Sendable {
    /// Rows per batch: small enough that one batch is a short transaction.
    static let batchRows = 1_000

    private let running = LockedValue(Set<String>())
    private let logger = Logger(label: "lantern.project-deletion")

    /// Starts deleting the project's data unless a deletion of it already runs; returns at once. `finished` runs
    /// after the project is gone (the kernel drops what it caches of the project).
    func start(projectID: String, storage: any StorageBackend, finished: @escaping @Sendable () async -> Void) {
        guard running.withLock({ $0.insert(projectID).inserted }) else { return }
        Task.detached { [self] in
            defer { _ = running.withLock { $0.remove(projectID) } }
            if await run(projectID: projectID, storage: storage) { await finished() }
        }
    }

    /// Deletes the project's rows and then its record; false when a storage error stopped it.
    private func run(projectID: String, storage: any StorageBackend) async -> Bool {
        var total = 0
        logger.info("deleting project data", metadata: ["project": "\(projectID)"])
        do {
            while let batch = try await storage.deleteProjectData(projectID: projectID, limit: Self.batchRows) {
                total += batch.rows
                logger.info("deleted a batch", metadata: ["project": "\(projectID)", "table": "\(batch.table)", "rows": "\(batch.rows)",
                                                          "total": "\(total)"])
                await Task.yield()
            }
            _ = try await storage.deleteProjectRecord(id: projectID)
            logger.info("project deleted", metadata: ["project": "\(projectID)", "rows": "\(total)"])
            return true
        } catch {
            logger.error("project deletion stopped; delete the project again to finish",
                         metadata: ["project": "\(projectID)", "rows": "\(total)", "error": "\(error)"])
            return false
        }
    }
}
