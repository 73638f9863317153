import Foundation
import Testing

/// The SQLite plugin against the storage conformance suite, on a fresh database file.
@Suite("Storage conformance: SQLite")
struct SQLiteConformanceTests {
    @Test func sqlitePassesTheConformanceSuite() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let storage = try await StorageUnderTest.start("libSQLiteStorage.so", type: "sqlite", settings: ["path": "conformance.sqlite"],
                                                       configDirectory: workspace.directory)
        await StorageUnderTest.runSuite(on: storage, backend: "sqlite")
        await storage.shutdown()
    }
}
