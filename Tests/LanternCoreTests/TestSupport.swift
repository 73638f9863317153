import Foundation
@testable import LanternCore

/// A temporary folder with a config file, removed by the caller with `remove()`.
struct TestWorkspace {
    let directory: String

    init() throws {
        directory = NSTemporaryDirectory() + "lantern-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the workspace and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    /// The lines of the file `name` once it has at least `count` of them, or what it has when ``waitUntil(timeout:_:)``
    /// gives up: plugins write these files in the background, after the request that caused them was answered.
    func lines(of name: String, atLeast count: Int, excluding skipped: (String) -> Bool = { _ in false }) async throws -> [String] {
        var found: [String] = []
        _ = try await waitUntil {
            found = ((try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
                .filter { !skipped($0) }
            return found.count >= count
        }
        return found
    }

    /// The audit-sink fixture's lines past the config's seeding (which the kernel audits as `system:init`).
    func auditLines(of name: String, atLeast count: Int) async throws -> [String] {
        try await lines(of: name, atLeast: count) { $0.hasSuffix(" actor=system:init") }
    }

    /// A config loading the SQLite plugin with a database in this workspace, plus extra `plugins:` entries.
    func sqliteConfig(projects: String = defaultProjects, extraPlugins: String = "", cost: String = "", topLevel: String = "",
                      storageSettings: String = "") throws -> String {
        try write("lantern.yaml", """
        version: 1
        server: { host: 127.0.0.1, port: 0 }
        \(cost)
        \(topLevel)
        plugins:
          storage:
            load: SQLiteStorage
            settings: { path: data/lantern.sqlite\(storageSettings.isEmpty ? "" : ", " + storageSettings) }
        \(extraPlugins)
        projects:
        \(projects)
        """)
    }

    static let defaultProjects = """
      - { name: alpha, publicKey: pk-lf-alpha, secretKey: sk-lf-alpha }
      - { name: beta, publicKey: pk-lf-beta, secretKey: sk-lf-beta }
    """
}

/// The repository's `config/` folder (the shipped price table and tokenizer vocabularies).
enum RepositoryConfig {
    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("config").path
    }

    /// A `cost:` section using the shipped price table and tokenizers.
    static var costSection: String { "cost: { modelPrices: \(path)/model-prices.json, tokenizers: \(path)/tokenizers }" }
}

/// Polls `condition` until it holds or `timeout` has passed, and says whether it held. Every wait in these tests goes
/// through here, so a condition that never comes true fails its test instead of hanging the run.
func waitUntil(timeout: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// The folder holding the built plugins: the test runner sits beside them in the build folder.
enum BuildFolder {
    static var path: String { FilePaths.executableDirectory }
}
