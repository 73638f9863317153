import ArgumentParser
import LanternCore

/// `lantern keys create --project NAME --config FILE`.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage API keys.", subcommands: [Create.self])

    /// Creates a key pair for a project (creating the project when missing). Only a hash of the secret is stored.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a pk-lf-/sk-lf- key pair for a project; the secret is shown once.")

        @Option(name: .shortAndLong, help: "The project's name; created when missing.")
        var project: String

        @Option(name: .shortAndLong, help: "The config file (YAML) whose storage holds the keys.")
        var config: String

        func run() async throws {
            let runtime = try CommandSupport.prepare(config)
            guard let storage = runtime.storage else { CommandSupport.fail("lantern: \(config) configures no storage plugin, so keys cannot be stored") }
            do {
                try await storage.start(host: runtime.pluginHost(for: "keys"))
                try await storage.migrate()
                let (created, pair) = try await APIKeys(storage: storage).create(forProjectNamed: project)
                await storage.shutdown()
                print("project: \(created.name) (\(created.id))\npublic_key: \(pair.publicKey)\nsecret_key: \(pair.secretKey)")
            } catch {
                await storage.shutdown()
                CommandSupport.fail("lantern: could not create a key: \(error)")
            }
        }
    }
}
