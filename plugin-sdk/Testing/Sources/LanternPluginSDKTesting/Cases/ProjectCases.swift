import Foundation
import LanternPluginSDK

/// ProjectStore: projects and API keys.
enum ProjectCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("projects: upsert, lookup by id and by name, rename") { c in
            let created = c.at(0)
            let project = Project(id: c.projectID, name: "name-\(c.projectID)", metadata: ["tier": "gold"], createdAt: created)
            try await c.storage.upsertProject(project)
            c.expectEqual(try await c.storage.project(id: c.projectID), project, "project(id:)")
            c.expectEqual(try await c.storage.project(named: project.name), project, "project(named:)")
            var renamed = project
            renamed.name = "renamed-\(c.projectID)"
            try await c.storage.upsertProject(renamed)
            c.expectEqual(try await c.storage.project(id: c.projectID)?.name, renamed.name, "name after a second upsert")
            c.expect(try await c.storage.project(named: project.name) == nil, "the old name no longer finds the project")
            let listed = try await c.storage.projects()
            c.expectEqual(listed.filter { $0.id == c.projectID }.count, 1, "projects() lists the project once")
            c.expectEqual(listed.map(\.name), listed.map(\.name).sorted(), "projects() ordered by name")
            c.expect(try await c.storage.project(id: c.otherProjectID) == nil, "project(id:) of an unknown id is nil")
        },
        ConformanceCase("api keys: stored, replaced by public key, unknown key is nil") { c in
            try await c.storage.upsertProject(Project(id: c.projectID, name: "keys-\(c.projectID)", createdAt: c.at(0)))
            let publicKey = "pk-lf-\(c.projectID)"
            let key = APIKey(id: CaseContext.freshID(), projectID: c.projectID, publicKey: publicKey, secretHash: "hash-1",
                             displaySecret: "sk-lf-...1", createdAt: c.at(0))
            try await c.storage.upsertAPIKey(key)
            c.expectEqual(try await c.storage.apiKey(publicKey: publicKey), key, "apiKey(publicKey:)")
            var rotated = key
            rotated.secretHash = "hash-2"
            rotated.displaySecret = "sk-lf-...2"
            try await c.storage.upsertAPIKey(rotated)
            c.expectEqual(try await c.storage.apiKey(publicKey: publicKey)?.secretHash, "hash-2", "secretHash after replacing the key")
            c.expect(try await c.storage.apiKey(publicKey: "pk-lf-missing-\(c.projectID)") == nil, "unknown public key is nil")
        },
    ]
}
