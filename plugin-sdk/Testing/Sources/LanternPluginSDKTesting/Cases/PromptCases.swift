import Foundation
import LanternPluginSDK

/// PromptStore: version numbering, labels, tags and kind.
enum PromptCases {
    static func draft(_ c: CaseContext, _ name: String, kind: Prompt.Kind = .text, labels: [String] = [], tags: [String] = [],
                      text: String = "Hello {{name}}") -> Prompt {
        Prompt(id: CaseContext.freshID(), projectID: c.projectID, name: name, version: 0, kind: kind, prompt: .string(text),
               config: ["temperature": 0.1], labels: labels, tags: tags, commitMessage: "commit", createdAt: c.at(0))
    }

    static let all: [ConformanceCase] = [
        ConformanceCase("prompts: versions numbered from 1, `latest` follows the newest, labels move", needs: .prompts) { c in
            let name = "folder/greeting"
            let v1 = try await c.storage.createPromptVersion(draft(c, name, labels: ["production"], tags: ["t1"]))
            c.expectEqual(v1.version, 1, "first version number")
            c.expectEqual(v1.labels, ["latest", "production"], "labels of v1")
            c.expectEqual(v1.prompt, "Hello {{name}}", "prompt text")
            c.expectEqual(v1.config, ["temperature": 0.1], "config")
            c.expectEqual(v1.commitMessage, "commit", "commitMessage")
            let v2 = try await c.storage.createPromptVersion(draft(c, name, labels: ["staging"], text: "Hi {{name}}"))
            c.expectEqual(v2.version, 2, "second version number")
            c.expectEqual(v2.labels, ["latest", "staging"], "labels of v2")
            c.expectEqual(v2.tags, ["t1"], "a version without tags inherits the newest version's tags")
            c.expectEqual(try await c.storage.promptVersion(projectID: c.projectID, name: name, version: 1)?.labels, ["production"],
                          "v1 lost `latest`")
            c.expectEqual(try await c.storage.promptVersion(projectID: c.projectID, name: name, label: "production")?.version, 1, "label production")
            c.expectEqual(try await c.storage.promptVersion(projectID: c.projectID, name: name, label: "latest")?.version, 2, "label latest")
            let moved = try await c.storage.setPromptLabels(projectID: c.projectID, name: name, version: 2, labels: ["production"])
            c.expectEqual(moved?.labels, ["latest", "production", "staging"], "labels after moving production to v2")
            c.expectEqual(try await c.storage.promptVersion(projectID: c.projectID, name: name, version: 1)?.labels, [], "v1 after the move")
            c.expectEqual(try await c.storage.promptVersions(projectID: c.projectID, name: name).map(\.version), [2, 1], "versions newest first")
            c.expect(try await c.storage.setPromptLabels(projectID: c.projectID, name: name, version: 9, labels: ["x"]) == nil,
                     "labels on a missing version answer nil")
            c.expect(try await c.storage.promptVersion(projectID: c.projectID, name: name, version: 9) == nil, "missing version is nil")
            c.expect(try await c.storage.promptVersion(projectID: c.projectID, name: name, label: "nope") == nil, "missing label is nil")
        },
        ConformanceCase("prompts: tags set on every version; kind fixed per name", needs: .prompts) { c in
            let name = "chatty"
            _ = try await c.storage.createPromptVersion(draft(c, name, kind: .chat, tags: ["a"]))
            _ = try await c.storage.createPromptVersion(draft(c, name, kind: .chat, tags: ["b", "c"]))
            let versions = try await c.storage.promptVersions(projectID: c.projectID, name: name)
            c.expectEqual(versions.map(\.tags), [["b", "c"], ["b", "c"]], "tags of every version follow the newest")
            do {
                _ = try await c.storage.createPromptVersion(draft(c, name, kind: .text))
                c.record("a text version of a chat prompt was accepted")
            } catch StorageError.conflict {
                // Expected.
            }
            c.expectEqual(try await c.storage.promptVersions(projectID: c.projectID, name: name).count, 2, "the rejected version was not stored")
        },
        ConformanceCase("prompts: concurrent creators get distinct consecutive versions", needs: .prompts) { c in
            let storage = c.storage, base = draft(c, "raced")
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        var copy = base
                        copy.id = CaseContext.freshID()
                        return try await storage.createPromptVersion(copy).version
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            c.expectEqual(versions.sorted(), Array(1...8), "version numbers")
            let latest = try await c.storage.promptVersions(projectID: c.projectID, name: "raced").filter { $0.labels.contains("latest") }
            c.expectEqual(latest.map(\.version), [8], "exactly one version carries latest: the newest")
        },
        ConformanceCase("prompts: every version of the project; deleting versions moves latest", needs: .prompts) { c in
            for name in ["b-prompt", "a-prompt", "b-prompt", "b-prompt"] { _ = try await c.storage.createPromptVersion(draft(c, name)) }
            let all = try await c.storage.allPromptVersions(projectID: c.projectID)
            c.expectEqual(all.map { "\($0.name)@\($0.version)" }, ["a-prompt@1", "b-prompt@3", "b-prompt@2", "b-prompt@1"], "by name, newest first")
            c.expectEqual(try await c.storage.allPromptVersions(projectID: c.otherProjectID).count, 0, "another project has none")
            c.expectEqual(try await c.storage.deletePromptVersions(projectID: c.projectID, name: "b-prompt", versions: [3, 9]), 1,
                          "deleting the newest and a missing version counts 1")
            let left = try await c.storage.promptVersions(projectID: c.projectID, name: "b-prompt")
            c.expectEqual(left.map(\.version), [2, 1], "versions left")
            c.expectEqual(left.first?.labels, ["latest"], "latest moved to the highest remaining version")
            c.expectEqual(try await c.storage.deletePromptVersions(projectID: c.projectID, name: "b-prompt", versions: [1, 2]), 2, "delete the rest")
            c.expectEqual(try await c.storage.promptVersions(projectID: c.projectID, name: "b-prompt").count, 0, "no version left")
            let next = try await c.storage.createPromptVersion(draft(c, "b-prompt"))
            c.expectEqual(next.version, 1, "a deleted name starts again at version 1")
        },
    ]
}
