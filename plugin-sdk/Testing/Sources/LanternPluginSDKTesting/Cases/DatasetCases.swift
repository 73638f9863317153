import Foundation
import LanternPluginSDK

/// DatasetStore: datasets, items, and runs created by run-item ingestion events.
enum DatasetCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("datasets: upsert by name keeps id and createdAt; lookups; newest first", needs: .datasets) { c in
            var first = Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "qa", createdAt: c.at(0))
            first.description = "questions"
            first.metadata = ["owner": "team"]
            let stored = try await c.storage.upsertDataset(first)
            c.expectEqual(stored.id, first.id, "id")
            var again = Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "qa", createdAt: c.at(50))
            again.description = "questions v2"
            let updated = try await c.storage.upsertDataset(again)
            c.expectEqual(updated.id, first.id, "id kept by a second upsert of the name")
            c.expectEqual(updated.createdAt, c.at(0), "createdAt kept")
            c.expectEqual(updated.description, "questions v2", "description updated")
            c.expectEqual(try await c.storage.dataset(projectID: c.projectID, name: "qa")?.id, first.id, "dataset(name:)")
            c.expectEqual(try await c.storage.dataset(projectID: c.projectID, id: first.id)?.name, "qa", "dataset(id:)")
            _ = try await c.storage.upsertDataset(Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "later", createdAt: c.at(10)))
            let page = try await c.storage.datasets(projectID: c.projectID, page: PageRequest(page: 1, limit: 10))
            c.expectEqual(page.items.map(\.name), ["later", "qa"], "datasets newest first")
            c.expectEqual(page.totalItems, 2, "totalItems")
            c.expect(try await c.storage.dataset(projectID: c.otherProjectID, name: "qa") == nil, "another project does not see it")
        },
        ConformanceCase("datasets: items upserted by id, archived status, listed oldest first", needs: .datasets) { c in
            let dataset = try await c.storage.upsertDataset(Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "items", createdAt: c.at(0)))
            var item = DatasetItem(id: "item-1", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(1))
            item.input = ["q": "2+2"]
            item.expectedOutput = "4"
            item.metadata = ["difficulty": 1]
            item.sourceTraceID = "trace-1"
            item.sourceObservationID = "obs-1"
            _ = try await c.storage.upsertDatasetItem(item)
            _ = try await c.storage.upsertDatasetItem(DatasetItem(id: "item-2", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(2)))
            var archived = item
            archived.status = .archived
            archived.expectedOutput = "four"
            archived.createdAt = c.at(99)
            let stored = try await c.storage.upsertDatasetItem(archived)
            c.expectEqual(stored.status, .archived, "status")
            c.expectEqual(stored.createdAt, c.at(1), "createdAt kept by the upsert")
            let read = try c.require(try await c.storage.datasetItem(projectID: c.projectID, id: "item-1"), "item-1")
            c.expectEqual(read.expectedOutput, "four", "expectedOutput replaced")
            c.expectEqual(read.input, ["q": "2+2"], "input")
            c.expectEqual(read.sourceTraceID, "trace-1", "sourceTraceID")
            c.expectEqual(read.sourceObservationID, "obs-1", "sourceObservationID")
            let items = try await c.storage.datasetItems(projectID: c.projectID, datasetID: dataset.id, page: PageRequest())
            c.expectEqual(items.items.map(\.id), ["item-1", "item-2"], "items oldest first")
            c.expectEqual(try await c.storage.datasetItems(projectID: c.projectID, datasetID: nil, page: PageRequest()).totalItems, 2, "items of all datasets")
        },
        ConformanceCase("datasets: a run item event creates the run; runs and run items read back", needs: .datasets) { c in
            let dataset = try await c.storage.upsertDataset(Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "runs", createdAt: c.at(0)))
            _ = try await c.storage.upsertDatasetItem(DatasetItem(id: "i1", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(1)))
            _ = try await c.storage.upsertDatasetItem(DatasetItem(id: "i2", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(2)))
            var first = DatasetRunItemUpdate(id: "ri-1", datasetID: dataset.id, runName: "exp-1", datasetItemID: "i1", traceID: "trace-1")
            first.runID = "run-fixed-id"
            first.runDescription = "first experiment"
            first.runMetadata = ["model": "gpt-4o"]
            let second = DatasetRunItemUpdate(id: "ri-2", datasetID: dataset.id, runName: "exp-1", datasetItemID: "i2", traceID: "trace-2")
            try await c.write([IngestionEvent(id: CaseContext.freshID(), timestamp: c.at(3), payload: .datasetRunItem(first)),
                               IngestionEvent(id: CaseContext.freshID(), timestamp: c.at(4), payload: .datasetRunItem(second))])
            let run = try c.require(try await c.storage.datasetRun(projectID: c.projectID, datasetID: dataset.id, name: "exp-1"), "run exp-1")
            c.expectEqual(run.id, "run-fixed-id", "run id from the first item")
            c.expectEqual(run.description, "first experiment", "run description")
            c.expectEqual(run.metadata, ["model": "gpt-4o"], "run metadata")
            let items = try await c.storage.datasetRunItems(projectID: c.projectID, runID: run.id)
            c.expectEqual(items.map(\.datasetItemID), ["i1", "i2"], "run items")
            c.expectEqual(items.map(\.traceID), ["trace-1", "trace-2"], "run item traces")
            let other = DatasetRunItemUpdate(id: "ri-3", datasetID: dataset.id, runName: "exp-2", datasetItemID: "i1", traceID: "trace-3")
            try await c.write([IngestionEvent(id: CaseContext.freshID(), timestamp: c.at(5), payload: .datasetRunItem(other))])
            let runs = try await c.storage.datasetRuns(projectID: c.projectID, datasetID: dataset.id, page: PageRequest())
            c.expectEqual(Set(runs.items.map(\.name)), ["exp-1", "exp-2"], "both runs listed")
            c.expectEqual(runs.totalItems, 2, "totalItems")
            let orphan = DatasetRunItemUpdate(id: "ri-x", datasetID: "no-such-dataset", runName: "r", datasetItemID: "i1", traceID: "t")
            let outcome = try await c.storage.write([IngestionEvent(id: "orphan", timestamp: c.at(6), payload: .datasetRunItem(orphan))], projectID: c.projectID)
            c.expect(outcome.first.map { !$0.isSuccess && $0.status < 500 } == true, "a run item of a missing dataset is rejected (4xx), got \(outcome)")
        },
        ConformanceCase("datasets: deleting a run removes its items; deleting an item", needs: .datasets) { c in
            let dataset = try await c.storage.upsertDataset(Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "del", createdAt: c.at(0)))
            _ = try await c.storage.upsertDatasetItem(DatasetItem(id: "d-i1", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(1)))
            var runItem = DatasetRunItemUpdate(id: "d-ri", datasetID: dataset.id, runName: "gone", datasetItemID: "d-i1", traceID: "t")
            runItem.runID = "run-gone"
            try await c.write([IngestionEvent(id: CaseContext.freshID(), timestamp: c.at(2), payload: .datasetRunItem(runItem))])
            c.expectEqual(try await c.storage.deleteDatasetRun(projectID: c.otherProjectID, runID: "run-gone"), false, "another project cannot delete it")
            c.expectEqual(try await c.storage.deleteDatasetRun(projectID: c.projectID, runID: "run-gone"), true, "delete the run")
            c.expect(try await c.storage.datasetRun(projectID: c.projectID, datasetID: dataset.id, name: "gone") == nil, "the run is gone")
            c.expectEqual(try await c.storage.datasetRunItems(projectID: c.projectID, runID: "run-gone").count, 0, "its run items are gone")
            c.expectEqual(try await c.storage.deleteDatasetRun(projectID: c.projectID, runID: "run-gone"), false, "delete it again")
            c.expectEqual(try await c.storage.deleteDatasetItem(projectID: c.projectID, id: "d-i1"), true, "delete the item")
            c.expect(try await c.storage.datasetItem(projectID: c.projectID, id: "d-i1") == nil, "the item is gone")
            c.expectEqual(try await c.storage.deleteDatasetItem(projectID: c.projectID, id: "d-i1"), false, "delete it again")
        },
        ConformanceCase("datasets: items filtered by source trace and observation; point-in-time versions", needs: .datasets) { c in
            let dataset = try await c.storage.upsertDataset(Dataset(id: CaseContext.freshID(), projectID: c.projectID, name: "versions", createdAt: c.at(0)))
            var first = DatasetItem(id: "v-i1", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(10))
            first.expectedOutput = "v1"
            first.sourceTraceID = "t-a"
            _ = try await c.storage.upsertDatasetItem(first)
            var second = DatasetItem(id: "v-i2", projectID: c.projectID, datasetID: dataset.id, createdAt: c.at(20))
            second.sourceTraceID = "t-b"
            second.sourceObservationID = "o-b"
            _ = try await c.storage.upsertDatasetItem(second)
            var changed = first
            changed.expectedOutput = "v2"
            changed.status = .archived
            changed.updatedAt = c.at(30)
            _ = try await c.storage.upsertDatasetItem(changed)

            func ids(_ query: DatasetItemQuery) async throws -> [String] {
                try await c.storage.datasetItems(projectID: c.projectID, query: query, page: PageRequest()).items.map(\.id)
            }
            c.expectEqual(try await ids(DatasetItemQuery(datasetID: dataset.id, sourceTraceID: "t-a")), ["v-i1"], "by source trace")
            c.expectEqual(try await ids(DatasetItemQuery(sourceObservationID: "o-b")), ["v-i2"], "by source observation")
            c.expectEqual(try await ids(DatasetItemQuery(datasetID: dataset.id, sourceTraceID: "t-none")), [], "no match")
            c.expectEqual(try await c.storage.deleteDatasetItem(projectID: c.projectID, id: "v-i2"), true, "delete v-i2 (now, after every version)")

            func asOf(_ seconds: Double) async throws -> [DatasetItem] {
                try await c.storage.datasetItems(projectID: c.projectID, query: DatasetItemQuery(datasetID: dataset.id, asOf: c.at(seconds)),
                                                 page: PageRequest()).items
            }
            c.expectEqual(try await asOf(5).map(\.id), [], "before the first item")
            let early = try await asOf(15)
            c.expectEqual(early.map(\.id), ["v-i1"], "at 15: only the first item")
            c.expectEqual(early.first?.expectedOutput, "v1", "at 15: the first version")
            c.expectEqual(early.first?.status, .active, "at 15: still active")
            c.expectEqual(try await asOf(25).map(\.id), ["v-i1", "v-i2"], "at 25: both items")
            let late = try await asOf(35)
            c.expectEqual(late.map(\.id), ["v-i1", "v-i2"], "at 35: the deleted item still existed then")
            c.expectEqual(late.first?.expectedOutput, "v2", "at 35: the second version")
            c.expectEqual(late.first?.status, .archived, "at 35: archived")
            let current = try await c.storage.datasetItems(projectID: c.projectID, query: DatasetItemQuery(datasetID: dataset.id), page: PageRequest())
            c.expectEqual(current.items.map(\.id), ["v-i1"], "now: the deleted item is gone")
            let future = try await c.storage.datasetItems(projectID: c.projectID, query: DatasetItemQuery(datasetID: dataset.id, asOf: Date().addingTimeInterval(3600)),
                                                          page: PageRequest())
            c.expectEqual(future.items.map(\.id), ["v-i1"], "an hour from now: as now")
            let other = try await c.storage.datasetItems(projectID: c.otherProjectID, query: DatasetItemQuery(asOf: c.at(25)), page: PageRequest())
            c.expectEqual(other.totalItems, 0, "another project sees no versions")
        },
    ]
}
