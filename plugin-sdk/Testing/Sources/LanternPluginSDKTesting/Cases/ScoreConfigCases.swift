import Foundation
import LanternPluginSDK

/// ScoreConfigStore: save, replace by id keeping `createdAt`, lookup, newest-first pages.
enum ScoreConfigCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("score configs: saved with every field, replaced by id, listed newest first", needs: .scoreConfigs) { c in
            let store = try c.require(c.storage as? any ScoreConfigStore, "the storage conforms to ScoreConfigStore")
            var categorical = ScoreConfig(id: "cfg-cat", projectID: c.projectID, name: "tone", dataType: .categorical, createdAt: c.at(1))
            categorical.categories = [.init(label: "calm", value: 1), .init(label: "angry", value: -1)]
            categorical.description = "how it sounds"
            var numeric = ScoreConfig(id: "cfg-num", projectID: c.projectID, name: "quality", dataType: .numeric, createdAt: c.at(2))
            numeric.minValue = 0
            numeric.maxValue = 1
            c.expectEqual(try await store.saveScoreConfig(categorical), categorical, "saved categorical config")
            _ = try await store.saveScoreConfig(numeric)
            c.expectEqual(try await store.scoreConfig(projectID: c.projectID, id: "cfg-cat"), categorical, "categorical config read back")
            c.expectEqual(try await store.scoreConfig(projectID: c.projectID, id: "cfg-num"), numeric, "numeric config read back")
            var archived = numeric
            archived.isArchived = true
            archived.maxValue = nil
            archived.createdAt = c.at(99)
            archived.updatedAt = c.at(100)
            let replaced = try await store.saveScoreConfig(archived)
            c.expectEqual(replaced.createdAt, c.at(2), "createdAt kept by a replace")
            let read = try c.require(try await store.scoreConfig(projectID: c.projectID, id: "cfg-num"), "replaced config")
            c.expectEqual(read.isArchived, true, "isArchived")
            c.expect(read.maxValue == nil, "maxValue cleared")
            c.expectEqual(read.updatedAt, c.at(100), "updatedAt")
            let page = try await store.scoreConfigs(projectID: c.projectID, page: PageRequest(page: 1, limit: 10))
            c.expectEqual(page.items.map(\.id), ["cfg-num", "cfg-cat"], "newest first")
            c.expectEqual(page.totalItems, 2, "totalItems")
            c.expect(try await store.scoreConfig(projectID: c.otherProjectID, id: "cfg-num") == nil, "another project does not see it")
        },
    ]
}
