import Hummingbird
import LanternPluginSDK

/// `GET /api/public/projects`: the caller's own project (what the SDK's `auth_check()` reads).
struct ProjectRoutes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/projects") { _, context in
            let project = try await support.services.projects.current(try context.principal())
            let item: JSONValue = .object([
                "id": .string(project.id), "name": .string(project.name),
                "organization": .object(["id": "lantern", "name": "Lantern"]),
                "metadata": .object(project.metadata),
            ])
            return JSONResponse.make(.ok, ["data": [item]])
        }
    }
}
