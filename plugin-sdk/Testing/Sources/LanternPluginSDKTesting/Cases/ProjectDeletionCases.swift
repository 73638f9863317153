import Foundation
import LanternPluginSDK

/// IdentityStore.deleteProjectData and deleteProjectRecord: every row of a project goes, a batch at a time, and nothing
/// of another project.
enum ProjectDeletionCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("projects: deleteProjectData removes all of a project's data in small batches, then the record") { c in
            let doomed = try await ProjectContents.seed(c, project: c.projectID)
            let kept = try await ProjectContents.seed(c, project: c.otherProjectID)
            try await doomed.expect(c, present: true, "before deleting")

            var batches: [(table: String, rows: Int)] = []
            while let batch = try await c.storage.deleteProjectData(projectID: c.projectID, limit: 3) {
                batches.append(batch)
                if batches.count == 1_000 {
                    c.record("deleteProjectData still answers batches after 1,000 calls: \(batches.suffix(3))")
                    break
                }
            }
            c.expect(batches.allSatisfy { (1...3).contains($0.rows) }, "every call deletes 1 to 3 rows: \(batches)")
            c.expect(batches.count >= 8, "the 8 observations alone take 3 calls of 3; \(batches.count) calls in all: \(batches)")
            c.expect(try await c.storage.deleteProjectData(projectID: c.projectID, limit: 3) == nil, "a call after the last one answers nil")
            c.expect(try await c.storage.project(id: c.projectID) != nil, "the projects row stays until deleteProjectRecord")
            try await doomed.expect(c, present: false, "after deleteProjectData")
            try await kept.expect(c, present: true, "another project, after deleteProjectData")

            c.expectEqual(try await c.storage.deleteProjectRecord(id: c.projectID), true, "deleteProjectRecord")
            c.expect(try await c.storage.project(id: c.projectID) == nil, "the project is gone")
            c.expectEqual(try await c.storage.deleteProjectRecord(id: c.projectID), false, "deleteProjectRecord again")
            c.expect(try await c.storage.project(id: c.otherProjectID) != nil, "another project's record stays")

            // Rows a backend derives from traces (tag indexes, totals) are not read on their own: a project made again
            // with the same id and trace id shows whether any were left behind.
            try await c.storage.upsertProject(Project(id: c.projectID, name: "again-\(c.projectID)", createdAt: c.at(100)))
            try await c.write([Events.trace(Events.traceUpdate("t0", timestamp: c.at(100), name: "again", tags: ["green"]), at: c.at(100))])
            var byDeletedTag = TraceQuery()
            byDeletedTag.tags = ["red"]
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, query: byDeletedTag).items.map(\.trace.id), [],
                          "a trace made again is not found by a tag of the deleted one")
            let again = try await c.storage.traces(projectID: c.projectID, query: TraceQuery()).items
            c.expectEqual(again.map(\.trace.id), ["t0"], "the project made again holds only its new trace")
            c.expect(again.first.map { $0.latency == nil && $0.totalTokens == nil && $0.observationIDs.isEmpty } == true,
                     "the trace made again has no observations or totals of the deleted one: \(String(describing: again.first))")
            c.expect(try await c.storage.deleteProjectData(projectID: "never-" + CaseContext.freshID(), limit: 3) == nil,
                     "a project without data answers nil at once")
        },
    ]
}

/// One of everything a project can hold, written through the backend's API (the optional stores only where it
/// serves them), and the reads that count it.
private struct ProjectContents {
    let project: String
    let publicKey: String
    let datasetID: String?
    /// How many of each thing were written, by name.
    let expected: [String: Int]

    static let traceIDs = ["t0", "t1", "t2", "t3"]
    static let runID = "run-1"
    static let mediaID = "abcdefghijklmnopqrstuv"

    /// Writes the project's row, a key, a member, four tagged traces of one session with two observations and a
    /// score each, and where the backend serves them: two prompt versions, a dataset with two items and a run item,
    /// media, a comment, a score config, an annotation queue with an item and an assignee, and a model.
    static func seed(_ c: CaseContext, project: String) async throws -> ProjectContents {
        let storage = c.storage
        try await storage.upsertProject(Project(id: project, name: "deleting-\(project)", createdAt: c.at(0)))
        let publicKey = "pk-lf-" + CaseContext.freshID()
        try await storage.upsertAPIKey(APIKey(id: "key-" + CaseContext.freshID(), projectID: project, publicKey: publicKey,
                                              secretHash: "hash", displaySecret: "sk-lf-...abcd", createdAt: c.at(0)))
        try await storage.upsertProjectMembership(ProjectMembership(projectID: project, userID: "user-" + CaseContext.freshID(),
                                                                    role: .member, createdAt: c.at(0), updatedAt: c.at(0)))
        var events: [IngestionEvent] = []
        for (index, trace) in traceIDs.enumerated() {
            let start = c.at(Double(index))
            events.append(Events.trace(Events.traceUpdate(trace, timestamp: start, name: "n", sessionID: "s-1", tags: ["red", "blue"]), at: start))
            events.append(Events.observation(Events.observationUpdate("\(trace)-o1", traceID: trace, start: start), at: start))
            events.append(Events.observation(Events.observationUpdate("\(trace)-o2", traceID: trace, type: .generation, start: start,
                                                                      end: start.addingTimeInterval(1), parent: "\(trace)-o1"), at: start))
            events.append(Events.score(Events.numericScore("\(trace)-s", projectID: project, traceID: trace, at: start)))
        }
        try await c.write(events, project: project)
        var expected = ["traces": 4, "observations": 8, "scores": 4, "sessions": 1, "project keys": 1, "key lookups": 1,
                        "project memberships": 1]

        if try await served({
            for text in ["v1", "v2"] {
                _ = try await storage.createPromptVersion(Prompt(id: CaseContext.freshID(), projectID: project, name: "doomed", version: 0,
                                                                 kind: .text, prompt: .string(text), createdAt: c.at(0)))
            }
        }) { expected["prompt versions"] = 2 }

        var datasetID: String?
        if try await served({
            let dataset = try await storage.upsertDataset(Dataset(id: CaseContext.freshID(), projectID: project, name: "doomed", createdAt: c.at(0)))
            datasetID = dataset.id
            for item in ["i1", "i2"] {
                _ = try await storage.upsertDatasetItem(DatasetItem(id: item, projectID: project, datasetID: dataset.id, createdAt: c.at(1)))
            }
            var runItem = DatasetRunItemUpdate(id: "ri-1", datasetID: dataset.id, runName: "doomed", datasetItemID: "i1", traceID: "t0")
            runItem.runID = runID
            try await c.write([IngestionEvent(id: CaseContext.freshID(), timestamp: c.at(2), payload: .datasetRunItem(runItem))], project: project)
        }) {
            expected.merge(["datasets": 1, "dataset items": 2, "dataset item versions": 2, "dataset runs": 1, "dataset run items": 1]) { $1 }
        }

        if try await served({
            _ = try await storage.saveMediaRecord(MediaRecord(id: mediaID, projectID: project, contentType: "image/png", contentLength: 2,
                                                              sha256: "sha", createdAt: c.at(0)))
            try await storage.storeMediaBytes(projectID: project, id: mediaID, bytes: [1, 2], uploadedAt: c.at(1))
        }) { expected["media"] = 1 }

        if let store = storage as? any CommentStore, try await served({
            _ = try await store.saveComment(Comment(id: "c-1", projectID: project, objectType: .trace, objectID: "t0", content: "x", createdAt: c.at(0)))
        }) { expected["comments"] = 1 }

        if let store = storage as? any ScoreConfigStore, try await served({
            _ = try await store.saveScoreConfig(ScoreConfig(id: "cfg-1", projectID: project, name: "quality", dataType: .numeric, createdAt: c.at(0)))
        }) { expected["score configs"] = 1 }

        if let store = storage as? any AnnotationQueueStore, try await served({
            _ = try await store.saveAnnotationQueue(AnnotationQueue(id: "q-1", projectID: project, name: "review", scoreConfigIDs: ["cfg-1"],
                                                                    createdAt: c.at(0)))
            _ = try await store.saveAnnotationQueueItem(AnnotationQueueItem(id: "qi-1", projectID: project, queueID: "q-1", objectID: "t0",
                                                                            objectType: .trace, createdAt: c.at(0)))
            try await store.assignAnnotationQueue(projectID: project, queueID: "q-1", userID: "ann")
        }) { expected.merge(["annotation queues": 1, "annotation queue items": 1, "annotation queue assignees": 1]) { $1 } }

        if let store = storage as? any ModelStore, try await served({
            _ = try await store.saveModel(ModelDefinition(id: "m-1", projectID: project, modelName: "doomed", matchPattern: "^doomed$", createdAt: c.at(0)))
        }) { expected["models"] = 1 }

        return ProjectContents(project: project, publicKey: publicKey, datasetID: datasetID, expected: expected)
    }

    /// Runs `body`; false when the backend opted out of what it writes.
    private static func served(_ body: () async throws -> Void) async throws -> Bool {
        do {
            try await body()
            return true
        } catch StorageError.unsupported {
            return false
        }
    }

    /// Expects every thing written to be there (`present`) or none of it, naming the things that are not.
    func expect(_ c: CaseContext, present: Bool, _ label: String) async throws {
        let found = try await counts(c.storage)
        for (name, count) in expected.sorted(by: { $0.key < $1.key }) {
            c.expectEqual(found[name] ?? 0, present ? count : 0, "\(label): \(name) of \(project)")
        }
    }

    /// How many of each thing written are found now.
    private func counts(_ storage: any StorageBackend) async throws -> [String: Int] {
        func one(_ found: Bool) -> Int { found ? 1 : 0 }
        let traceIDs = Self.traceIDs
        var counts: [String: Int] = [:]
        var traces = 0
        for id in traceIDs { traces += one(try await storage.trace(projectID: project, id: id) != nil) }
        counts["traces"] = traces
        counts["observations"] = try await storage.observations(projectID: project, traceIDs: traceIDs).count
        counts["scores"] = try await storage.scores(projectID: project, traceIDs: traceIDs).count
        counts["sessions"] = one(try await storage.session(projectID: project, id: "s-1") != nil)
        counts["project keys"] = try await storage.apiKeys(projectID: project).count
        counts["key lookups"] = one(try await storage.apiKey(publicKey: publicKey) != nil)
        counts["project memberships"] = try await storage.projectMemberships(projectID: project).count
        if expected["prompt versions"] != nil {
            counts["prompt versions"] = try await storage.promptVersions(projectID: project, name: "doomed").count
        }
        if let datasetID {
            counts["datasets"] = try await storage.datasets(projectID: project, page: PageRequest()).totalItems
            counts["dataset items"] = try await storage.datasetItems(projectID: project, datasetID: nil, page: PageRequest()).totalItems
            counts["dataset item versions"] = try await storage.datasetItems(
                projectID: project, query: DatasetItemQuery(datasetID: datasetID, asOf: Date().addingTimeInterval(3_600)), page: PageRequest()).totalItems
            counts["dataset runs"] = try await storage.datasetRuns(projectID: project, datasetID: datasetID, page: PageRequest()).totalItems
            counts["dataset run items"] = try await storage.datasetRunItems(projectID: project, runID: Self.runID).count
        }
        if expected["media"] != nil {
            counts["media"] = one(try await storage.mediaRecord(projectID: project, id: Self.mediaID) != nil)
        }
        if expected["comments"] != nil, let store = storage as? any CommentStore {
            counts["comments"] = one(try await store.comment(projectID: project, id: "c-1") != nil)
        }
        if expected["score configs"] != nil, let store = storage as? any ScoreConfigStore {
            counts["score configs"] = one(try await store.scoreConfig(projectID: project, id: "cfg-1") != nil)
        }
        if expected["annotation queues"] != nil, let store = storage as? any AnnotationQueueStore {
            counts["annotation queues"] = one(try await store.annotationQueue(projectID: project, id: "q-1") != nil)
            counts["annotation queue items"] = one(try await store.annotationQueueItem(projectID: project, queueID: "q-1", id: "qi-1") != nil)
            counts["annotation queue assignees"] = try await store.annotationQueueAssignees(projectID: project, queueID: "q-1").count
        }
        if expected["models"] != nil, let store = storage as? any ModelStore {
            counts["models"] = try await store.models(projectID: project).count
        }
        return counts
    }
}
