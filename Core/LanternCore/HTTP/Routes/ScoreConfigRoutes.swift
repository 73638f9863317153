import Foundation
import Hummingbird
import LanternPluginSDK

/// `POST/GET /api/public/score-configs` and `GET/PATCH /api/public/score-configs/{configId}` (contract §5).
/// 501 when the storage plugin does not serve score configs.
struct ScoreConfigRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/score-configs") { request, context in
            let projectID = try context.requireProject()
            let store = try configs()
            var reader = try await Self.reader(request, limit: maxBodyBytes)
            let name = reader.string("name")
            let dataType = reader.string("dataType").map { ScoreDataType(rawValue: $0.uppercased()) }
            var config = ScoreConfig(id: Identifiers.random(), projectID: projectID, name: name ?? "",
                                     dataType: dataType ?? ScoreDataType(rawValue: ""), createdAt: Date())
            try Self.applyEditable(&reader, to: &config)
            if let problem = reader.problem { throw APIError.badRequest(problem) }
            guard name != nil else { throw APIError.badRequest("name: is required") }
            guard dataType != nil else { throw APIError.badRequest("dataType: is required") }
            if config.dataType == .boolean {
                if config.categories != nil { throw APIError.badRequest("categories: BOOLEAN configs get True (1) and False (0); do not pass categories") }
                config.categories = ScoreConfigRules.booleanCategories
            }
            if let problem = ScoreConfigRules.problem(in: config) { throw APIError.badRequest(problem) }
            return JSONResponse.make(.ok, Self.present(try await store.saveScoreConfig(config)))
        }
        group.get("/score-configs") { request, context in
            let projectID = try context.requireProject()
            let page = try await configs().scoreConfigs(projectID: projectID, page: try QueryReader(request).page())
            return JSONResponse.make(.ok, Presenters.page(page, Self.present))
        }
        group.get("/score-configs/:configId") { _, context in
            let projectID = try context.requireProject()
            let id = try support.parameter("configId", context)
            guard let config = try await configs().scoreConfig(projectID: projectID, id: id) else {
                throw APIError.notFound("Score config not found: \(id)")
            }
            return JSONResponse.make(.ok, Self.present(config))
        }
        group.patch("/score-configs/:configId") { request, context in
            let projectID = try context.requireProject()
            let id = try support.parameter("configId", context)
            let store = try configs()
            guard var config = try await store.scoreConfig(projectID: projectID, id: id) else {
                throw APIError.notFound("Score config not found: \(id)")
            }
            var reader = try await Self.reader(request, limit: maxBodyBytes)
            if let name = reader.string("name") { config.name = name }
            if let archived = reader.bool("isArchived") { config.isArchived = archived }
            let boolean = config.dataType == .boolean
            if boolean && reader.any("categories") != nil {
                throw APIError.badRequest("categories: BOOLEAN configs have the fixed categories True (1) and False (0)")
            }
            try Self.applyEditable(&reader, to: &config)
            if let problem = reader.problem { throw APIError.badRequest(problem) }
            if let problem = ScoreConfigRules.problem(in: config) { throw APIError.badRequest(problem) }
            config.updatedAt = Date()
            return JSONResponse.make(.ok, Self.present(try await store.saveScoreConfig(config)))
        }
    }

    private func configs() throws -> any ScoreConfigStore {
        guard let store = try support.storage() as? any ScoreConfigStore else {
            throw APIError.notImplemented("The storage plugin does not support score configs")
        }
        return store
    }

    private static func reader(_ request: Request, limit: Int) async throws -> BodyReader {
        guard case .object(let object) = try await JSONResponse.body(of: request, limit: limit) else {
            throw APIError.badRequest("body: must be a JSON object")
        }
        return BodyReader(object)
    }

    /// Reads the fields both create and update set: range, categories and description (explicit null clears).
    private static func applyEditable(_ reader: inout BodyReader, to config: inout ScoreConfig) throws {
        if reader.isExplicitNull("minValue") { config.minValue = nil } else if let min = reader.number("minValue") { config.minValue = min }
        if reader.isExplicitNull("maxValue") { config.maxValue = nil } else if let max = reader.number("maxValue") { config.maxValue = max }
        if reader.isExplicitNull("description") { config.description = nil } else if let text = reader.string("description") { config.description = text }
        switch reader.any("categories") {
        case nil: break
        case .null?: config.categories = nil
        case .array(let items)?:
            config.categories = try items.enumerated().map { index, item in
                guard case .object(let object) = item, case .string(let label)? = object["label"], case .number(let value)? = object["value"] else {
                    throw APIError.badRequest("categories[\(index)]: must be an object with a string label and a numeric value")
                }
                return ScoreConfig.Category(label: label, value: value)
            }
        case let other?:
            throw APIError.badRequest("categories: must be a list of {label, value} (got \(other.jsonText.prefix(40)))")
        }
    }

    /// `ScoreConfig`.
    static func present(_ config: ScoreConfig) -> JSONValue {
        [
            "id": .string(config.id), "name": .string(config.name), "projectId": .string(config.projectID),
            "dataType": .string(config.dataType.rawValue), "isArchived": .bool(config.isArchived),
            "minValue": Presenters.number(config.minValue), "maxValue": Presenters.number(config.maxValue),
            "categories": config.categories.map { .array($0.map { ["label": .string($0.label), "value": .number($0.value)] }) } ?? .null,
            "description": Presenters.string(config.description),
            "createdAt": Presenters.date(config.createdAt), "updatedAt": Presenters.date(config.updatedAt),
        ]
    }
}
