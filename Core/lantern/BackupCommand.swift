import ArgumentParser
import Foundation
import LanternCore
import LanternPluginSDK

/// `lantern backup --config FILE --out FILE`: a consistent copy of the configured storage (SQLite's online backup,
/// safe while a server uses the same file), with progress.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the storage into a new file while the server may keep running (SQLite).")

    @Option(name: .shortAndLong, help: "The config file (YAML).")
    var config: String

    @Option(name: .shortAndLong, help: "The backup file to create (must not exist).")
    var out: String

    func run() async throws {
        let runtime = try CommandSupport.prepare(config)
        guard let storage = runtime.storage else { CommandSupport.fail("lantern: \(config) configures no storage plugin") }
        guard let backup = storage as? any StorageBackup else {
            CommandSupport.fail("lantern: the storage in \(config) cannot make backups (for PostgreSQL use pg_dump)")
        }
        let bar = ProgressDisplay(label: "backup")
        do {
            try await storage.start(host: runtime.pluginHost(for: "backup"))
            try await backup.backup(to: out) { bar.show(done: $0.copied, of: $0.total, unit: "pages") }
            await storage.shutdown()
            bar.finish()
            print("backup written to \(out)")
        } catch {
            await storage.shutdown()
            bar.finish()
            CommandSupport.fail("lantern: backup failed: \(error)")
        }
    }
}
