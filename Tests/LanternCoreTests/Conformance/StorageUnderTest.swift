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

    /// Runs the conformance case `name` on `storage` and records one test failure, naming the backend and the case,
    /// with every expectation the case found broken.
    static func runCase(_ name: String, on storage: any StorageBackend, backend: String) async {
        guard let result = await StorageConformanceSuite(storage: storage).run(caseNamed: name) else {
            Issue.record("no conformance case is named \(name.debugDescription)")
            return
        }
        switch result.outcome {
        case .passed:
            break
        case .failed(let messages):
            Issue.record("\(backend): \(name)\n  - \(messages.joined(separator: "\n  - "))")
        case .skipped(let capability):
            Issue.record("\(backend): \(name) was skipped for an opt-out of '\(capability)', but these tests opt out of nothing")
        }
    }

    /// The names of the conformance cases the backend tests run, one test case each: every case, or with
    /// `LANTERN_CONFORMANCE_CASE` set only those whose name contains it. Swift Testing's `--filter` selects test
    /// functions, not single arguments of a parameterised one, so this is how one case is run alone.
    static let selectedCaseNames: [String] = {
        let wanted = ProcessInfo.processInfo.environment["LANTERN_CONFORMANCE_CASE"] ?? ""
        return StorageConformanceSuite.caseNames.filter { wanted.isEmpty || $0.contains(wanted) }
    }()
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
