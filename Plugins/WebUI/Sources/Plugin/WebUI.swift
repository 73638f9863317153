import LanternPluginSDK
import Synchronization

/// The web UI: server-rendered pages at Langfuse's URLs. Every page reads through the kernel's public API, called
/// in-process as the signed-in person, so what a page shows and allows is what the person's role allows.
final class WebUI: WebFrontend {
    private let host = Mutex<(any PluginHost)?>(nil)
    let pages = PageRenderer()

    func start(host: any PluginHost) async throws {
        guard host.api != nil else { throw WebUIError.noAPI }
        self.host.withLock { $0 = host }
    }

    func shutdown() async { host.withLock { $0 = nil } }

    func routes() -> [PluginRoute] {
        let signIn = SignInPage.path
        func user(_ path: String, method: String = "GET", _ page: @escaping @Sendable (PageRequest) async throws -> PluginResponse) -> PluginRoute {
            PluginRoute(method: method, path: path, access: .user(signInPath: signIn), maxBodyBytes: 1 << 16) { [weak self] request in
                guard let self, let api = self.host.withLock({ $0?.api }), let user = request.user else { return PageRenderer.unavailable() }
                let pageRequest = PageRequest(request: request, user: user, api: ProjectAPI(api: api, user: user), pages: self.pages)
                do { return try await page(pageRequest) } catch { return self.pages.error(pageRequest, error) }
            }
        }
        return [
            PluginRoute(method: "GET", path: signIn, access: .open, maxBodyBytes: 1 << 16) { [pages] request in SignInPage.render(request, pages) },
            PluginRoute(method: "GET", path: Assets.stylesheetPath, access: .open, maxBodyBytes: 1 << 10) { _ in Assets.stylesheet() },
            PluginRoute(method: "GET", path: Assets.scriptPath, access: .open, maxBodyBytes: 1 << 10) { _ in Assets.script() },
            user("/", HomePage.render),
            user("/project/:projectId", DashboardPage.render),
            user("/project/:projectId/traces", TracesPage.render),
            user("/project/:projectId/traces/:traceId", TracePage.render),
            user("/project/:projectId/traces/:traceId/comments", method: "POST", TraceComments.create),
            user("/project/:projectId/sessions", SessionsPage.render),
            user("/project/:projectId/sessions/:sessionId", SessionPage.render),
            user("/project/:projectId/users", UsersPage.render),
            user("/project/:projectId/users/:userId", UserPage.render),
            user("/project/:projectId/observations", ObservationsPage.render),
            user("/project/:projectId/scores", ScoresPage.render),
        ]
    }
}

enum WebUIError: Error, CustomStringConvertible {
    case noAPI

    var description: String { "the host offers no in-process API; the web UI needs a kernel that serves PluginHost.api" }
}
