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

    /// A config loading the SQLite plugin with a database in this workspace, plus extra `plugins:` entries.
    func sqliteConfig(projects: String = defaultProjects, extraPlugins: String = "", cost: String = "") throws -> String {
        try write("lantern.yaml", """
        version: 1
        server: { host: 127.0.0.1, port: 0 }
        \(cost)
        plugins:
          storage:
            load: SQLiteStorage
            settings: { path: data/lantern.sqlite }
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

/// The folder holding the built plugins: the test runner sits beside them in the build folder.
enum BuildFolder {
    static var path: String { FilePaths.executableDirectory }
}
