import ArgumentParser

/// The `lantern` command.
@main
struct Lantern: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantern",
        abstract: "Lantern: an LLM engineering platform that speaks Langfuse's API, built from a small kernel and plugins.",
        subcommands: [Serve.self, ConfigCommand.self, PluginsCommand.self, KeysCommand.self, UsersCommand.self, Migrate.self, CostsCommand.self,
                      BackupCommand.self, AuditCommand.self]
    )
}
