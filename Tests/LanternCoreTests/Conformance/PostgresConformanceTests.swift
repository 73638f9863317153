import Foundation
import Testing

/// The PostgreSQL plugin against the storage conformance suite: one test case per conformance case, each on a freshly
/// made and migrated storage (the cases keep apart through projects of their own in the one database).
///
/// Needs `LANTERN_TEST_POSTGRES_URL` (set by `.ci/run`, which starts a real server). Without it the tests are
/// skipped and say so; with `LANTERN_REQUIRE_POSTGRES=1` (CI) a missing URL fails instead. Serialized: every case
/// migrates the same database, and concurrent migrations would race on creating the same tables.
@Suite("Storage conformance: PostgreSQL", .serialized)
struct PostgresConformanceTests {
    static let url = ProcessInfo.processInfo.environment["LANTERN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["LANTERN_REQUIRE_POSTGRES"] == "1"

    @Test(.enabled(if: url != nil || required, "SKIPPED: PostgreSQL conformance needs LANTERN_TEST_POSTGRES_URL (scripts/postgres-start prints one)"),
          arguments: StorageUnderTest.selectedCaseNames)
    func postgres(case name: String) async throws {
        let url = try #require(Self.url, "LANTERN_REQUIRE_POSTGRES=1 but LANTERN_TEST_POSTGRES_URL is not set")
        let storage = try await StorageUnderTest.start("libPostgresStorage.so", type: "postgres", settings: ["url": .string(url)],
                                                       configDirectory: NSTemporaryDirectory())
        await StorageUnderTest.runCase(name, on: storage, backend: "postgres")
        await storage.shutdown()
    }
}
