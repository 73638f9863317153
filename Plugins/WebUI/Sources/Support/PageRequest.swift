import Foundation
import LanternPluginSDK

/// One page view: the HTTP request, the signed-in person, the API as them, and the renderer.
struct PageRequest: Sendable {
    let request: PluginRequest
    let user: PluginUser
    let api: ProjectAPI
    let pages: PageRenderer

    /// The path's segments, percent-decoded (`/project/p1/traces` → `["project", "p1", "traces"]`).
    var segments: [String] {
        request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
    }

    /// The segment at `index`, or nil.
    func segment(_ index: Int) -> String? {
        let all = segments
        return all.indices.contains(index) ? all[index] : nil
    }

    /// The first value of a query parameter, nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = request.query[name]?.first, !value.isEmpty else { return nil }
        return value
    }

    /// Every value of a query parameter.
    func queryValues(_ name: String) -> [String] { (request.query[name] ?? []).filter { !$0.isEmpty } }

    /// The project the path names (`/project/{id}/…`), when the person can open it; 404 otherwise, so the ids of
    /// projects they cannot see are not confirmed.
    func project() throws -> PluginUser.ProjectAccess {
        guard let id = segment(1), let project = user.projects.first(where: { $0.id == id }) else {
            throw PageError.notFound("This project does not exist or you have no access to it.")
        }
        return project
    }
}

/// Why a page cannot be shown.
enum PageError: Error {
    /// The thing asked for does not exist (or the person may not see it): 404.
    case notFound(String)
    /// The kernel's API answered an error.
    case api(status: Int, message: String)
}
