import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Every prompt change (create, label move, delete) reaches exporters and audit sinks, through real fixture plugins.
@Suite("Prompt change events")
struct PromptChangeEventTests {
    let harness = APIHarness()

    @Test func createLabelMoveAndDeleteArePublished() async throws {
        let plugins = """
          exporter: { load: FixturePlugin, component: file-exporter, settings: { path: exported.txt } }
          audit: { load: FixturePlugin, component: file-audit, settings: { path: audit.txt } }
        """
        try await harness.withServer(extraPlugins: plugins) { client, workspace in
            #expect(try await harness.send(client, .post, "/api/public/v2/prompts", ["name": "greet", "prompt": "hi"]).status == .created, "create")
            #expect(try await harness.send(client, .patch, "/api/public/v2/prompts/greet/versions/1", ["newLabels": ["production"]]).status == .ok,
                    "move a label")
            #expect(try await harness.send(client, .delete, "/api/public/v2/prompts/greet").status == .noContent, "delete")
            let exported = try await workspace.lines(of: "exported.txt", atLeast: 3).filter { $0.hasPrefix("change ") }
            #expect(exported.map { $0.split(separator: " ").suffix(3).joined(separator: " ") }
                    == ["prompt greet created", "prompt greet labels-updated", "prompt greet deleted"], "exporter received each change in order")
            let audit = try await workspace.auditLines(of: "audit.txt", atLeast: 3)
            #expect(audit.map { $0.split(separator: " ").dropFirst().joined(separator: " ") } == [
                "prompt.created greet before=false after=true actor=apiKey:pk-lf-alpha",
                "prompt.labels-updated greet before=true after=true actor=apiKey:pk-lf-alpha",
                "prompt.deleted greet before=true after=false actor=apiKey:pk-lf-alpha",
            ], "audit sink received each change with before/after")
        }
    }
}
