/// An optional storage capability: an online, consistent copy of the whole store into one file while the server
/// keeps serving (`lantern backup`). The SQLite storage has it; a PostgreSQL database is backed up with its own tools.
public protocol StorageBackup: Sendable {
    /// Writes a consistent snapshot to the file at `path` (which must not exist), calling `progress` as it goes.
    func backup(to path: String, progress: @escaping @Sendable (BackupProgress) -> Void) async throws
}

/// How far a backup is: pages copied of the pages to copy (the total can change when writes restart the copy).
public struct BackupProgress: Sendable, Hashable {
    public var copied: Int
    public var total: Int

    /// Creates a progress report.
    public init(copied: Int, total: Int) {
        self.copied = copied
        self.total = total
    }
}
