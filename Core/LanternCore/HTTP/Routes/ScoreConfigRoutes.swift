import Foundation
import Hummingbird
import LanternPluginSDK

/// `POST/GET /api/public/score-configs` and `GET/PATCH /api/public/score-configs/{configId}` (contract §5).
/// 501 when the storage plugin does not serve score configs.
struct ScoreConfigRoutes {
    let support: RouteSupport
    let maxBodyBytes: Int

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.post("/score-configs", use: create)
        group.get("/score-configs", use: list)
        group.get("/score-configs/:configId", use: get)
        group.patch("/score-configs/:configId", use: update)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        var reader = try await Self.reader(request, limit: maxBodyBytes)
        let name = reader.string("name")
        let dataType = reader.string("dataType").map { ScoreDataType(rawValue: $0.uppercased()) }
        var config = ScoreConfig(id: Identifiers.random(), projectID: principal.projectID, name: name ?? "",
                                 dataType: dataType ?? ScoreDataType(rawValue: ""), createdAt: Date())
        try Self.applyEditable(&reader, to: &config)
        if let problem = reader.problem { throw APIError.badRequest(problem) }
        guard name != nil else { throw APIError.badRequest("name: is required") }
        guard dataType != nil else { throw APIError.badRequest("dataType: is required") }
        return JSONResponse.make(.ok, ScoreConfigPresenter.present(try await support.services.scoreConfigs.create(principal, config)))
    }

    @Sendable func list(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let page = try await support.services.scoreConfigs.list(try context.principal(), page: try QueryReader(request).page())
        return JSONResponse.make(.ok, Presenters.page(page, ScoreConfigPresenter.present))
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let config = try await support.services.scoreConfigs.get(try context.principal(), id: try support.parameter("configId", context))
        return JSONResponse.make(.ok, ScoreConfigPresenter.present(config))
    }

    @Sendable func update(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let id = try support.parameter("configId", context)
        var reader = try await Self.reader(request, limit: maxBodyBytes)
        let updated = try await support.services.scoreConfigs.update(try context.principal(), id: id) { config in
            if let name = reader.string("name") { config.name = name }
            if let archived = reader.bool("isArchived") { config.isArchived = archived }
            if config.dataType == .boolean && reader.any("categories") != nil {
                throw APIError.badRequest("categories: BOOLEAN configs have the fixed categories True (1) and False (0)")
            }
            try Self.applyEditable(&reader, to: &config)
            if let problem = reader.problem { throw APIError.badRequest(problem) }
        }
        return JSONResponse.make(.ok, ScoreConfigPresenter.present(updated))
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
}

/// The public API's `ScoreConfig` object.
enum ScoreConfigPresenter {
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
