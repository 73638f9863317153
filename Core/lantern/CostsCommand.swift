import ArgumentParser
import LanternCore

/// `lantern costs recompute --config FILE --from ISO --to ISO [--project NAME]`.
struct CostsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "costs", abstract: "Manage generation costs.", subcommands: [Recompute.self])

    /// Re-prices stored usage with the current model definitions; client-sent costs are kept.
    struct Recompute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-price the usage of generations that started in a time range with today's model definitions.")

        @Option(name: .shortAndLong, help: "The config file (YAML) whose storage holds the generations.")
        var config: String

        @Option(help: "Start of the range (ISO-8601, inclusive).")
        var from: String

        @Option(help: "End of the range (ISO-8601, exclusive).")
        var to: String

        @Option(name: .shortAndLong, help: "Only this project (default: every project).")
        var project: String?

        func run() async throws {
            let runtime = try CommandSupport.prepare(config)
            let (project, from, to) = (project, from, to)
            let bar = ProgressDisplay(label: "recompute")
            do {
                let report = try await runtime.whileRunning {
                    try await CostRecomputation(runtime: runtime).run(projectName: project, from: from, to: to) { examined, total in
                        bar.show(done: examined, of: total, unit: "observations")
                    }
                }
                bar.finish()
                print(report)
            } catch {
                bar.finish()
                await runtime.shutdown()
                CommandSupport.fail("lantern costs recompute: \(error)")
            }
        }
    }
}
