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
    func sqliteConfig(projects: String = defaultProjects, extraPlugins: String = "") throws -> String {
        try write("lantern.yaml", """
        version: 1
        server: { host: 127.0.0.1, port: 0 }
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

/// The folder holding the built plugins: the test runner sits beside them in the build folder.
enum BuildFolder {
    static var path: String { FilePaths.executableDirectory }
}
