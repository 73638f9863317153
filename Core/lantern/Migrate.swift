import ArgumentParser
import LanternCore

/// `lantern migrate --config FILE`.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply the storage plugin's schema migrations, then exit.")

    @Option(name: .shortAndLong, help: "The config file (YAML).")
    var config: String

    func run() async throws {
        let runtime = try CommandSupport.prepare(config)
        guard let storage = runtime.storage else { CommandSupport.fail("lantern: \(config) configures no storage plugin") }
        do {
            try await storage.start(host: runtime.pluginHost(for: "migrate"))
            try await storage.migrate()
            await storage.shutdown()
            print("migrations applied")
        } catch {
            await storage.shutdown()
            CommandSupport.fail("lantern: migration failed: \(error)")
        }
    }
}
