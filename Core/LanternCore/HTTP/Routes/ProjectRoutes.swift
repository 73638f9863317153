import Hummingbird
import LanternPluginSDK

/// `GET /api/public/projects`: the caller's own project with its organization (what the SDK's `auth_check()` reads).
struct ProjectRoutes {
    let support: RouteSupport

    func register(on group: RouterGroup<LanternRequestContext>) {
        group.get("/projects") { _, context in
            let (project, organization) = try await support.services.projects.current(try context.principal())
            return JSONResponse.make(.ok, ["data": [IdentityPresenter.project(project, organization: organization)]])
        }
    }
}
