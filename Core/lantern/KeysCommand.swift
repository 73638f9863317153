import ArgumentParser
import LanternCore

/// `lantern keys create --project NAME [--org ID] --config FILE`, or `--org ID` alone for an organization key.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "Manage API keys.", subcommands: [Create.self])

    /// Creates a key pair; only a hash of the secret is stored, and the creation is audited.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a pk-lf-/sk-lf- key pair for a project, or (with --org only) an organization key; the secret is shown once.")

        @Option(name: .shortAndLong, help: "The project's name; created when missing.")
        var project: String?

        @Option(name: .long, help: "The organization id (created when missing). Alone: make an organization-scoped key.")
        var org: String?

        @Option(name: .shortAndLong, help: "The config file (YAML) whose storage holds the keys.")
        var config: String

        func validate() throws {
            if project == nil, org == nil { throw ValidationError("give --project NAME for a project key, or --org ID for an organization key") }
        }

        func run() async throws {
            let runtime = try CommandSupport.prepare(config)
            guard runtime.storage != nil else { CommandSupport.fail("lantern: \(config) configures no storage plugin, so keys cannot be stored") }
            do {
                let text = try await runtime.whileRunning {
                    let administration = IdentityAdministration(runtime: runtime)
                    if let project {
                        let key = try await administration.createProjectKey(projectName: project, organizationID: org)
                        return "project: \(project) (\(key.projectID))\npublic_key: \(key.publicKey)\nsecret_key: \(key.secretKey)"
                    }
                    let key = try await administration.createOrganizationKey(organizationID: org ?? "")
                    return "organization: \(org ?? "")\npublic_key: \(key.publicKey)\nsecret_key: \(key.secretKey)"
                }
                print(text)
            } catch {
                CommandSupport.fail("lantern: could not create a key: \(error)")
            }
        }
    }
}
