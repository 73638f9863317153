import ArgumentParser
import LanternCore

/// `lantern config check FILE`.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Work with config files.", subcommands: [Check.self])

    /// Validates a config, its plugins and their settings without starting anything.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a config file, load its plugins and check their settings, without starting anything.",
            discussion: "Prints every problem as file:line:column: key.path: why, and exits with status 2 when any is found.")

        @Argument(help: "The config file (YAML).")
        var file: String

        func run() async throws {
            let runtime = try CommandSupport.prepare(file)
            print("\(file): OK (\(runtime.components.count) component\(runtime.components.count == 1 ? "" : "s"))")
        }
    }
}
