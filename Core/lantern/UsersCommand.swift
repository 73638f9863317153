import ArgumentParser
import Foundation
import LanternCore

/// `lantern users create --email E --org ID --role OWNER --config FILE`: the first user of a server without the
/// config's `init` block, or any later one.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "users", abstract: "Manage users.", subcommands: [Create.self])

    /// Creates a user in an organization; the password comes from standard input, or is generated and printed once.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user with a role in an organization (created when missing).",
            discussion: "The password is read from standard input when it is not a terminal (first line); otherwise one is generated and printed once.")

        @Option(help: "The user's email address, their sign-in name.")
        var email: String

        @Option(help: "The user's display name (default: the email's local part).")
        var name: String?

        @Option(help: "The organization id; created when missing.")
        var org: String

        @Option(help: "OWNER, ADMIN, MEMBER, VIEWER or NONE.")
        var role: String = "MEMBER"

        @Option(name: .shortAndLong, help: "The config file (YAML) whose storage holds the users.")
        var config: String

        func run() async throws {
            let password = isatty(STDIN_FILENO) == 0 ? readLine(strippingNewline: true).flatMap { $0.isEmpty ? nil : $0 } : nil
            let runtime = try CommandSupport.prepare(config)
            guard runtime.storage != nil else { CommandSupport.fail("lantern: \(config) configures no storage plugin, so users cannot be stored") }
            do {
                let created = try await runtime.whileRunning {
                    try await IdentityAdministration(runtime: runtime).createUser(email: email, name: name, organizationID: org, role: role,
                                                                                  password: password)
                }
                var lines = ["user: \(created.email) (\(created.id))", "organization: \(org)", "role: \(role.uppercased())"]
                if let generated = created.generatedPassword { lines.append("password: \(generated)  (shown once)") }
                print(lines.joined(separator: "\n"))
            } catch {
                CommandSupport.fail("lantern: could not create the user: \(error)")
            }
        }
    }
}
