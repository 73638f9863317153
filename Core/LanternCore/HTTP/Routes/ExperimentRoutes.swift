import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/experiments` and `GET /api/public/experiment-items`: dataset runs and their items as experiments
/// (the runs the SDK's `run_experiment` creates included), filtered by a required start time, paged by a base64url
/// cursor, with field groups.
struct ExperimentRoutes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/experiments", use: experiments)
        group.get("/experiment-items", use: items)
    }

    @Sendable func experiments(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let reader = QueryReader(request)
        let fields = try Self.fields(reader, allowed: ["core", "metadata", "scores"], default: ["core"])
        let (from, to) = try Self.range(reader)
        let (ids, names, datasets) = (Set(reader.strings("id")), Set(reader.strings("name")), Set(reader.strings("datasetId")))
        let all = try await support.services.experiments.experiments(principal, from: from, to: to).filter {
            (ids.isEmpty || ids.contains($0.run.id)) && (names.isEmpty || names.contains($0.run.name))
                && (datasets.isEmpty || datasets.contains($0.run.datasetID))
        }
        let (window, next) = try Self.window(all, reader)
        let scoreLimit = try reader.integer("scoreLimit", in: 1...50) ?? 50
        var data: [JSONValue] = []
        for experiment in window {
            var object: [String: JSONValue] = [
                "id": .string(experiment.run.id), "name": .string(experiment.run.name), "description": Presenters.string(experiment.run.description),
                "startTime": Presenters.date(max(experiment.startTime, from)), "endTime": Presenters.date(experiment.endTime),
                "itemCount": .number(Double(experiment.items.count)), "datasetId": .string(experiment.run.datasetID),
            ]
            if fields.contains("metadata") { object["metadata"] = experiment.run.metadata ?? .null }
            if fields.contains("scores") {
                let scores = try await support.services.experiments.runScores(principal, of: experiment.run).prefix(scoreLimit)
                object["scores"] = .array(scores.map { ScoreV3Routes.present($0, fields: ["details", "subject"]) })
            }
            data.append(.object(object))
        }
        return JSONResponse.make(.ok, ["data": .array(data), "meta": ["cursor": next.map { .string($0) } ?? .null]])
    }

    @Sendable func items(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let reader = QueryReader(request)
        let fields = try Self.fields(reader, allowed: ["core", "dataset", "io", "metadata", "itemMetadata", "experimentMetadata", "scores"],
                                     default: ["core", "dataset"])
        let (from, to) = try Self.range(reader)
        let (ids, names, itemIDs, datasets) = (Set(reader.strings("experimentId")), Set(reader.strings("experimentName")),
                                               Set(reader.strings("experimentItemId")), Set(reader.strings("datasetId")))
        let rows = try await support.services.experiments.experiments(principal, from: from, to: to)
            .filter { (ids.isEmpty || ids.contains($0.run.id)) && (names.isEmpty || names.contains($0.run.name))
                && (datasets.isEmpty || datasets.contains($0.run.datasetID)) }
            .flatMap { experiment in experiment.items.map { (run: experiment.run, item: $0) } }
            .filter { itemIDs.isEmpty || itemIDs.contains($0.item.datasetItemID) }
            .sorted { ($0.item.createdAt, $0.item.id) > ($1.item.createdAt, $1.item.id) }
        let (window, next) = try Self.window(rows, reader)
        var data: [JSONValue] = []
        for row in window {
            let detail = try await support.services.experiments.itemDetail(principal, row.item, withScores: fields.contains("scores"))
            data.append(Self.item(row.run, row.item, detail, fields: fields))
        }
        return JSONResponse.make(.ok, ["data": .array(data), "meta": ["cursor": next.map { .string($0) } ?? .null]])
    }

    /// One `ExperimentItem`: the run item with its trace's root observation times and the dataset item's fields.
    private static func item(_ run: DatasetRun, _ item: DatasetRunItem, _ detail: ExperimentService.ItemDetail, fields: Set<String>) -> JSONValue {
        let (trace, datasetItem, root) = (detail.trace, detail.datasetItem, detail.root)
        var object: [String: JSONValue] = [
            "id": .string(root?.id ?? item.id), "traceId": .string(item.traceID),
            "startTime": Presenters.date(root?.startTime ?? trace?.trace.timestamp ?? item.createdAt), "endTime": Presenters.date(root?.endTime),
            "level": .string((root?.level ?? .default).rawValue), "environment": .string(root?.environment ?? trace?.trace.environment ?? "default"),
            "experimentId": .string(run.id), "experimentName": .string(run.name), "experimentItemId": .string(item.datasetItemID),
        ]
        if fields.contains("dataset") {
            object["experimentDatasetId"] = .string(run.datasetID)
            object["experimentItemVersion"] = Presenters.date(datasetItem?.updatedAt)
        }
        if fields.contains("io") {
            object["input"] = root?.input ?? trace?.trace.input ?? .null
            object["output"] = root?.output ?? trace?.trace.output ?? .null
            object["expectedOutput"] = datasetItem?.expectedOutput ?? .null
        }
        if fields.contains("metadata") { object["metadata"] = root.map { .object($0.metadata) } ?? .null }
        if fields.contains("itemMetadata") { object["experimentItemMetadata"] = datasetItem?.metadata ?? .null }
        if fields.contains("experimentMetadata") {
            object["experimentMetadata"] = run.metadata ?? .null
            object["experimentDescription"] = Presenters.string(run.description)
        }
        if fields.contains("scores") {
            object["scores"] = .array(detail.scores.map { ScoreV3Routes.present($0, fields: ["details", "subject"]) })
        }
        return .object(object)
    }

    /// The requested field groups (`core` always), or a 400 naming an unknown one.
    private static func fields(_ reader: QueryReader, allowed: Set<String>, default defaults: Set<String>) throws -> Set<String> {
        let asked = reader.strings("fields")
        if let unknown = Set(asked).subtracting(allowed).sorted().first {
            throw APIError.badRequest("fields: unknown field group '\(unknown)' (one of \(allowed.sorted().joined(separator: ", ")))")
        }
        return asked.isEmpty ? defaults : Set(asked).union(["core"])
    }

    /// `fromStartTime` (required) and `toStartTime`.
    private static func range(_ reader: QueryReader) throws -> (Date, Date?) {
        guard let from = try reader.date("fromStartTime") else { throw APIError.badRequest("fromStartTime: is required") }
        return (from, try reader.date("toStartTime"))
    }

    /// The page of `all` the cursor points at (`limit` 1–100, default 50) and the cursor of the next page.
    private static func window<T: Sendable>(_ all: [T], _ reader: QueryReader) throws -> ([T], String?) {
        let request = PageRequest(page: try reader.string("cursor").map(ScoreV3Routes.page(ofCursor:)) ?? 1,
                                  limit: try reader.integer("limit", in: 1...100) ?? 50)
        let page = Page(slicing: all, request: request)
        return (page.items, request.page < page.totalPages ? ScoreV3Routes.cursor(page: request.page + 1) : nil)
    }
}
