import ArgumentParser
import Foundation
import Hummingbird
import LanternCore
import Logging
import ServiceLifecycle

/// `lantern serve --config FILE`: load plugins, start components, serve HTTP until SIGTERM/SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the server with the plugins and settings of a config file.")

    @Option(name: .shortAndLong, help: "The config file (YAML).")
    var config: String

    func run() async throws {
        MallocArenas.cap()
        LanternLogging.bootstrap()
        let runtime = try CommandSupport.prepare(config)
        LanternLogging.configure(runtime.config.logging)
        do { try await runtime.start() } catch {
            CommandSupport.fail("lantern: \(error)")
        }
        let server = runtime.config.server
        let seeds = runtime.config.printSeededKeys ? runtime.config.projects : []
        let seededUser = runtime.config.printSeededKeys ? runtime.config.initial.user : nil
        let app = try LanternServer.application(for: runtime) { port in
            var lines = ["Lantern is listening on http://\(server.host):\(port)"]
            for seed in seeds {
                if let publicKey = seed.publicKey, let secretKey = seed.secretKey {
                    lines.append("  project \(seed.name): public key \(publicKey)  secret key \(secretKey)")
                }
            }
            if let seededUser { lines.append("  sign in as \(seededUser.email) with password \(seededUser.password)") }
            lines.append("  plugins: " + (runtime.components.isEmpty ? "none" : runtime.components.map { "\($0.id) (\($0.factory.type))" }.joined(separator: ", ")))
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        // Graceful shutdown reaches the services last to first: the HTTP server stops taking requests and finishes
        // those in flight, then the runtime flushes its writers, drains deliveries and stops the components.
        var logger = Logger(label: "lantern.lifecycle")
        logger.logLevel = .warning
        let group = ServiceGroup(configuration: .init(services: [LanternRuntimeService(runtime: runtime), MallocTrimService(), app],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await runtime.shutdown()
            CommandSupport.fail("lantern: the server stopped: \(error)")
        }
        print("Lantern stopped.")
    }
}
