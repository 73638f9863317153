import LanternPluginSDK

/// `/auth/sign-in`: the form posts to the kernel's `/api/auth/sign-in`, which sets the session cookie and sends the
/// browser on to `next` (or back here with `error`).
enum SignInPage {
    static let path = "/auth/sign-in"

    static func render(_ request: PluginRequest, _ pages: PageRenderer) -> PluginResponse {
        let next = request.query["next"]?.first.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil } ?? "/"
        return pages.signIn(next: next, error: request.query["error"]?.first)
    }
}

/// `/`: the person's first project's traces, or a message when they belong to no project yet.
enum HomePage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        guard let first = page.user.projects.first else {
            return page.pages.page(page, title: "No projects", template: "message",
                                   context: ["kind": "info", "role": "status", "heading": "No projects yet",
                                             "text": "You belong to no project. Ask an administrator of your organization to add you to one."],
                                   section: nil)
        }
        return PageRenderer.redirect("/project/\(PageRenderer.escapePath(first.id))/traces")
    }


}
