import Foundation
import LanternPluginSDKTesting
import Testing

/// The SQLite plugin against the storage conformance suite: one test case per conformance case, each on a fresh
/// database file, so a failure is reported under the case's name.
@Suite("Storage conformance: SQLite")
struct SQLiteConformanceTests {
    @Test(arguments: StorageUnderTest.selectedCaseNames)
    func sqlite(case name: String) async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let storage = try await StorageUnderTest.start("libSQLiteStorage.so", type: "sqlite", settings: ["path": "conformance.sqlite"],
                                                       configDirectory: workspace.directory)
        await StorageUnderTest.runCase(name, on: storage, backend: "sqlite")
        await storage.shutdown()
    }

    /// A case is selected and reported by its name, so no two cases may share one.
    @Test func caseNamesAreUnique() {
        let names = StorageConformanceSuite.caseNames
        #expect(Set(names).count == names.count, "duplicated: \(Dictionary(grouping: names) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
    }
}
