import CSQLite
import Foundation
import LanternPluginSDK

/// A consistent copy of the database file made with SQLite's online backup API while the server writes: pages are
/// copied in steps from a read-only connection; a write between two steps restarts the copy, and after a few
/// restarts the rest is copied in one step (one read snapshot), which WAL lets run beside the writer.
enum OnlineBackup {
    /// Pages copied per step.
    static let pagesPerStep: Int32 = 4_096
    /// Restarts tolerated before copying in one step.
    static let maxRestarts = 3

    static func run(from source: String, to destination: String, busyTimeoutMs: Int32,
                    progress: @Sendable (BackupProgress) -> Void) throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw StorageError.invalid("the backup file \(destination) exists already; name a new file")
        }
        let from = try SQLiteConnection(path: source, flags: SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, busyTimeoutMs: busyTimeoutMs)
        let to = try SQLiteConnection(path: destination, flags: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                      busyTimeoutMs: busyTimeoutMs)
        try from.withRawHandle { fromHandle in
            try to.withRawHandle { toHandle in
                guard let backup = sqlite3_backup_init(toHandle, "main", fromHandle, "main") else {
                    throw SQLiteError(code: sqlite3_errcode(toHandle), connection: toHandle)
                }
                var restarts = 0, lastRemaining = Int32.max, result = SQLITE_OK
                repeat {
                    result = sqlite3_backup_step(backup, restarts >= maxRestarts ? -1 : pagesPerStep)
                    let remaining = sqlite3_backup_remaining(backup), total = sqlite3_backup_pagecount(backup)
                    if remaining > lastRemaining { restarts += 1 }
                    lastRemaining = remaining
                    progress(BackupProgress(copied: Int(total - remaining), total: Int(total)))
                    if result == SQLITE_BUSY || result == SQLITE_LOCKED { usleep(10_000) }
                } while result == SQLITE_OK || result == SQLITE_BUSY || result == SQLITE_LOCKED
                let finished = sqlite3_backup_finish(backup)
                guard result == SQLITE_DONE, finished == SQLITE_OK else {
                    throw SQLiteError(code: result == SQLITE_DONE ? finished : result, connection: toHandle)
                }
            }
        }
    }
}
