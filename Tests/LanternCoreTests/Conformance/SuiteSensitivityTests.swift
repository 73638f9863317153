import Foundation
import Testing
import LanternPluginSDK
import LanternPluginSDKTesting

/// The conformance suite must be able to fail: a backend that breaks one merge rule, or that opts out of a
/// capability it actually serves, is reported with the case that caught it.
@Suite("Storage conformance: the suite catches broken backends")
struct SuiteSensitivityTests {
    @Test func aBackendThatLosesTagsFailsTheMergeCases() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let sqlite = try await StorageUnderTest.start("libSQLiteStorage.so", type: "sqlite", settings: ["path": "broken.sqlite"],
                                                      configDirectory: workspace.directory)
        let report = await StorageConformanceSuite(storage: TagDroppingStorage(base: sqlite)).run()
        let failed = Set(report.failures.map(\.name))
        #expect(failed.contains("traces: metadata deep-merged, tags unioned, de-duplicated and sorted"), "merge case fails: \(failed)")
        #expect(failed.contains("trace list: each filter, alone and combined"), "tag filter case fails")
        #expect(report.failures.first { $0.name.hasPrefix("traces: metadata") }?.messages.contains { $0.hasPrefix("tags (union, sorted)") } == true,
                "the failure names the field")
        #expect(!failed.contains("prompts: tags set on every version; kind fixed per name"), "unrelated cases still pass")
        await sqlite.shutdown()
    }

    @Test func anOptOutOfAServedCapabilityIsAFailure() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let sqlite = try await StorageUnderTest.start("libSQLiteStorage.so", type: "sqlite", settings: ["path": "optout.sqlite"],
                                                      configDirectory: workspace.directory)
        let report = await StorageConformanceSuite(storage: sqlite, optOuts: [.prompts, .concurrentWriters]).run()
        #expect(report.failures.contains { $0.name.hasPrefix("prompts:") && $0.messages.first?.contains("opted out of 'prompts'") == true },
                "opting out of prompts while serving them is reported")
        #expect(report.skipped.map(\.capability) == [.concurrentWriters], "a capability without a probe is listed as skipped")
        #expect(report.summary(backend: "sqlite").contains("SKIPPED"), "the summary shows the opt-out")
        await sqlite.shutdown()
    }
}

/// A backend that drops the tags of every trace event before the real write: a broken merge rule.
private final class TagDroppingStorage: DelegatingStorage, @unchecked Sendable {
    override func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        let tagless = events.map { event -> IngestionEvent in
            guard case .trace(var update) = event.payload else { return event }
            update.tags = nil
            var copy = event
            copy.payload = .trace(update)
            return copy
        }
        return try await base.write(tagless, projectID: projectID)
    }
}
