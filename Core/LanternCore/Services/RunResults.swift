import Foundation
import LanternPluginSDK

/// The results of dataset runs: per item the linked trace's output, latency, cost and scores, and per run the
/// average of each numeric score (contract §6: "compare runs by their scores").
struct RunResults {
    /// One run item with what its trace produced.
    struct ItemResult {
        let item: DatasetRunItem
        let trace: TraceSummary?
        let scores: [Score]
    }

    let projectID: String
    let storage: any StorageBackend

    /// Every item of `run` with its trace and the scores on that trace (or on the item's observation).
    func results(of run: DatasetRun) async throws -> [ItemResult] {
        let items = try await storage.datasetRunItems(projectID: projectID, runID: run.id)
        let scores = try await storage.scores(projectID: projectID, traceIDs: Array(Set(items.map(\.traceID))))
        var results: [ItemResult] = []
        for item in items {
            let trace = try await storage.trace(projectID: projectID, id: item.traceID)
            let own = scores.filter { $0.traceID == item.traceID && (item.observationID == nil || $0.observationID == nil || $0.observationID == item.observationID) }
            results.append(ItemResult(item: item, trace: trace, scores: own))
        }
        return results
    }

    /// The scores given to the run itself (`datasetRunId`, e.g. the SDK's run evaluators); none when the storage
    /// cannot query scores by target.
    func runScores(of run: DatasetRun) async throws -> [Score] {
        var query = ScoreQuery()
        query.datasetRunID = run.id
        query.page = PageRequest(page: 1, limit: 1000)
        do { return try await storage.scores(projectID: projectID, query: query).items } catch StorageError.unsupported { return [] }
    }

    /// The average of each numeric or boolean score name over the results, the mean latency and total cost, and the
    /// run's own scores.
    static func summary(_ results: [ItemResult], runScores: [Score]) -> JSONValue {
        var sums: [String: (total: Double, count: Int)] = [:]
        for score in results.flatMap(\.scores) where score.dataType == .numeric || score.dataType == .boolean {
            guard let value = score.value else { continue }
            sums[score.name, default: (0, 0)].total += value
            sums[score.name, default: (0, 0)].count += 1
        }
        let latencies = results.compactMap { $0.trace?.latency }
        return [
            "items": .number(Double(results.count)),
            "averageScores": .object(sums.mapValues { .number($0.total / Double($0.count)) }),
            "averageLatency": latencies.isEmpty ? .null : .number(latencies.reduce(0, +) / Double(latencies.count)),
            "totalCost": .number(results.compactMap { $0.trace?.totalCost }.reduce(0, +)),
            "runScores": .array(runScores.map(Presenters.score)),
        ]
    }

    /// One item's result as JSON.
    static func present(_ result: ItemResult) -> JSONValue {
        [
            "datasetItemId": .string(result.item.datasetItemID), "traceId": .string(result.item.traceID),
            "observationId": Presenters.string(result.item.observationID), "output": result.trace?.trace.output ?? .null,
            "latency": Presenters.number(result.trace?.latency), "totalCost": Presenters.number(result.trace?.totalCost),
            "scores": .array(result.scores.map(Presenters.score)),
        ]
    }
}
