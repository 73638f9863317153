import ArgumentParser
import Foundation
import LanternCore
import LanternPluginSDK

/// `lantern audit verify --config FILE`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Work with the audit log.", subcommands: [Verify.self])

    /// Walks the audit log's hash chain and names the first altered, missing or reordered record.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check that no audit record was altered, removed or reordered; exits 1 naming the first that was.")

        @Option(name: .shortAndLong, help: "The config file (YAML) that loads the audit log.")
        var config: String

        func run() async throws {
            let runtime = try CommandSupport.prepare(config)
            let bar = ProgressDisplay(label: "verify")
            let reports: [(id: String, report: AuditChainReport)]
            do {
                reports = try await runtime.whileRunning {
                    try await runtime.verifyAuditLogs { _, checked, total in bar.show(done: checked, of: total, unit: "records") }
                }
            } catch {
                bar.finish()
                await runtime.shutdown()
                CommandSupport.fail("lantern audit verify: \(error)")
            }
            bar.finish()
            var broken = false
            for (id, report) in reports {
                if let problem = report.problem {
                    broken = true
                    print("\(id): BROKEN at record \(report.position ?? 0): \(problem) (\(report.checked) records before it are intact)")
                } else {
                    print("\(id): intact, \(report.checked) records")
                }
            }
            if broken { throw ExitCode(1) }
        }
    }
}
