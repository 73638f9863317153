import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK
import LanternPluginSDKTesting

/// A storage plugin loaded from the build folder like the server loads it, made, started and migrated.
enum StorageUnderTest {
    static let loader = PluginLoader()

    /// The storage component of `library` (e.g. `libSQLiteStorage.so`) made with `settings`.
    static func start(_ library: String, type: String, settings: [String: JSONValue], configDirectory: String) async throws -> any StorageBackend {
        let plugin = try loader.load(BuildFolder.path + "/" + library)
        let factory = try #require(plugin.manifest.factories.first { $0.type == type }, "\(library) provides a '\(type)' factory")
        let pluginSettings = PluginSettings(settings)
        let issues = factory.validate(pluginSettings)
        #expect(issues.isEmpty, "settings are valid: \(issues)")
        let component = try factory.make(pluginSettings, context: ComponentContext(instanceID: "storage", configDirectory: configDirectory))
        let storage = try #require(component as? any StorageBackend, "the component is a StorageBackend")
        try await storage.start(host: ConformanceHost())
        try await storage.migrate()
        return storage
    }

    /// Runs the suite, prints its report (opt-outs included), and records one test failure per failed case.
    static func runSuite(on storage: any StorageBackend, backend: String, optOuts: Set<StorageCapability> = []) async {
        let report = await StorageConformanceSuite(storage: storage, optOuts: optOuts).run()
        print(report.summary(backend: backend))
        #expect(report.results.count == StorageConformanceSuite.caseNames.count, "every case ran")
        for failure in report.failures {
            let details = failure.messages.joined(separator: "\n  - ")
            Issue.record("\(backend): \(failure.name)\n  - \(details)")
        }
    }
}

/// The host a storage sees in these tests: a discarding logger and the real clock.
private struct ConformanceHost: PluginHost {
    var logger: PluginLogger { .discarding }
    var ingestion: any IngestionSink { RefusingSink() }
    func now() -> Date { Date() }
}

/// Storage never ingests through the host; if it tried, it would be told so.
private struct RefusingSink: IngestionSink {
    func accept(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        throw IngestionError.unavailable("storage plugins do not ingest through the host")
    }
}
