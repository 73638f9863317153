import ArgumentParser
import LanternCore

/// `lantern plugins list --config FILE`.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plugins", abstract: "Inspect plugins.", subcommands: [List.self])

    /// Lists the components a config loads, with their plugin file and ABI.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List each configured component: name, kind, plugin, version, file and ABI.")

        @Option(name: .shortAndLong, help: "The config file (YAML).")
        var config: String

        func run() async throws {
            let runtime = try CommandSupport.prepare(config)
            if runtime.components.isEmpty { print("no plugins configured") }
            for entry in runtime.components {
                print("""
                \(entry.id)
                  kind:    \(entry.kind)
                  type:    \(entry.factory.type): \(entry.factory.summary)
                  plugin:  \(entry.plugin.manifest.id) \(entry.plugin.manifest.version)
                  file:    \(entry.plugin.path)
                  abi:     \(entry.plugin.abiStamp)
                """)
            }
        }
    }
}
