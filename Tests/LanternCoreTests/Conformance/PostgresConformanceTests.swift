import Foundation
import Testing

/// The PostgreSQL plugin against the storage conformance suite.
///
/// Needs `LANTERN_TEST_POSTGRES_URL` (set by `.ci/run`, which starts a real server). Without it the test is
/// skipped and says so; with `LANTERN_REQUIRE_POSTGRES=1` (CI) a missing URL fails instead.
@Suite("Storage conformance: PostgreSQL")
struct PostgresConformanceTests {
    static let url = ProcessInfo.processInfo.environment["LANTERN_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let required = ProcessInfo.processInfo.environment["LANTERN_REQUIRE_POSTGRES"] == "1"

    @Test(.enabled(if: url != nil || required, "SKIPPED: PostgreSQL conformance needs LANTERN_TEST_POSTGRES_URL (scripts/postgres-start prints one)"))
    func postgresPassesTheConformanceSuite() async throws {
        let url = try #require(Self.url, "LANTERN_REQUIRE_POSTGRES=1 but LANTERN_TEST_POSTGRES_URL is not set")
        let storage = try await StorageUnderTest.start("libPostgresStorage.so", type: "postgres", settings: ["url": .string(url)],
                                                       configDirectory: NSTemporaryDirectory())
        await StorageUnderTest.runSuite(on: storage, backend: "postgres")
        await storage.shutdown()
    }
}
