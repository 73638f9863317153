import Foundation
import LanternPluginSDK

extension SQLiteStorage: StorageBackup {
    /// Copies the open database into a new file with SQLite's online backup API, beside the running server.
    public func backup(to path: String, progress: @escaping @Sendable (BackupProgress) -> Void) async throws {
        let (database, _) = try running()
        let source = database.path, busyTimeoutMs = backupBusyTimeoutMs
        let destination = URL(fileURLWithPath: path).standardizedFileURL.path
        try await Task.detached {
            do {
                try OnlineBackup.run(from: source, to: destination, busyTimeoutMs: busyTimeoutMs, progress: progress)
            } catch let error as SQLiteError {
                throw StorageError.unavailable("backup of \(source) to \(destination): \(error.message)")
            }
        }.value
    }
}
