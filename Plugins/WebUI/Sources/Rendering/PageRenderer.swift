import Foundation
import LanternPluginSDK
import Mustache

/// Renders pages from the compiled-in Mustache templates. `{{…}}` escapes HTML, so every value from a trace (names,
/// inputs, metadata) is text on the page; only the renderer's own HTML goes through `{{{…}}}`. Every answer carries
/// a strict Content-Security-Policy (no inline script or style), denies framing and is never cached.
struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    init() {
        var library = MustacheLibrary()
        let templates: [(String, String)] = [
            ("head", LayoutTemplates.head), ("range", LayoutTemplates.range), ("pager", LayoutTemplates.pager), ("layout", LayoutTemplates.layout), ("message", LayoutTemplates.message), ("sign-in", LayoutTemplates.signIn),
            ("traces", TraceTemplates.list), ("trace", TraceTemplates.detail), ("sessions", SessionTemplates.list),
            ("session", SessionTemplates.detail), ("payload", TraceTemplates.payload),
            ("dashboard", DashboardTemplates.page), ("users", UserTemplates.list), ("user", UserTemplates.detail),
            ("observations", TableTemplates.observations), ("scores", TableTemplates.scores),
        ]
        for (name, text) in templates {
            // The templates are compiled in and covered by tests; one that fails to parse renders as an empty page.
            if let template = try? MustacheTemplate(string: text) { library.register(template, named: name) }
        }
        self.library = library
    }

    /// The headers of every HTML answer.
    static let securityHeaders: [String: String] = [
        "content-type": "text/html; charset=utf-8",
        "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'",
        "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin", "cache-control": "no-store",
    ]

    /// A page inside the shell. `section` marks the sidebar entry; `breadcrumb` leads to the title.
    func page(_ page: PageRequest, title: String, template: String, context: [String: Any], section: String?,
              breadcrumb: [(label: String, href: String)] = [], status: Int = 200) -> PluginResponse {
        let content = library.render(context, withTemplate: template) ?? ""
        var shell: [String: Any] = [
            "title": title, "content": content, "userEmail": page.user.email, "csrfToken": page.user.csrfToken,
            "breadcrumb": breadcrumb.map { ["label": $0.label, "href": $0.href] },
        ]
        if let project = try? page.project() { shell["project"] = Self.shell(for: project, page: page, section: section) }
        return html(status, library.render(shell, withTemplate: "layout") ?? "")
    }

    /// The sign-in page (outside the shell).
    func signIn(next: String, error: String?) -> PluginResponse {
        var context: [String: Any] = ["next": next, "title": "Sign in"]
        if let error { context["error"] = error }
        return html(200, library.render(context, withTemplate: "sign-in") ?? "")
    }

    /// A message page for a failure: 404 for what does not exist, 502 for an API failure.
    func error(_ page: PageRequest, _ error: Error) -> PluginResponse {
        let (status, heading, text): (Int, String, String)
        switch error {
        case PageError.notFound(let message): (status, heading, text) = (404, "Not found", message)
        case PageError.api(let code, let message) where code == 503: (status, heading, text) = (503, "Storage unavailable", message)
        case PageError.api(let code, let message) where code == 400: (status, heading, text) = (400, "Not accepted", message)
        case PageError.api(let code, let message): (status, heading, text) = (code == 403 ? 403 : 502, code == 403 ? "Access denied" : "Something went wrong", message)
        default: (status, heading, text) = (500, "Something went wrong", "The page could not be built.")
        }
        return self.page(page, title: heading, template: "message",
                         context: ["kind": "error", "role": "alert", "heading": heading, "text": text, "link": ["href": "/", "label": "Back to your projects"]],
                         section: nil, status: status)
    }

    /// When the plugin is stopping or misconfigured.
    static func unavailable() -> PluginResponse {
        PluginResponse(status: 503, headers: securityHeaders, body: Array("<!doctype html><title>Unavailable</title><p>The web UI is not running.</p>".utf8))
    }

    /// A 303 to `location`.
    static func redirect(_ location: String) -> PluginResponse {
        PluginResponse(status: 303, headers: ["location": location, "cache-control": "no-store"])
    }

    private func html(_ status: Int, _ text: String) -> PluginResponse {
        PluginResponse(status: status, headers: Self.securityHeaders, body: Array(text.utf8))
    }

    /// The sidebar's project part: the switcher (keeping the section) and the sections in Langfuse's order.
    private static func shell(for project: PluginUser.ProjectAccess, page: PageRequest, section: String?) -> [String: Any] {
        let organizations = Dictionary(page.user.organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let sectionPath = section.map { "/" + $0 } ?? ""
        let base = "/project/\(Self.escapePath(project.id))"
        let entries: [[String: Any]] = [
            ["label": "Home", "href": base, "current": section == nil],
            ["group": "Observability"],
            ["label": "Tracing", "href": base + "/traces", "current": section == "traces"],
            ["label": "Sessions", "href": base + "/sessions", "current": section == "sessions"],
            ["label": "Users", "href": base + "/users", "current": section == "users"],
            ["label": "Observations", "href": base + "/observations", "current": section == "observations"],
            ["group": "Evaluation"],
            ["label": "Scores", "href": base + "/scores", "current": section == "scores"],
        ]
        return [
            "name": project.name, "organizationName": organizations[project.organizationID] ?? project.organizationID,
            "projects": page.user.projects.map { other -> [String: Any] in
                ["name": other.name, "organization": organizations[other.organizationID] ?? other.organizationID,
                 "href": "/project/\(Self.escapePath(other.id))\(sectionPath)", "current": other.id == project.id]
            },
            "sections": entries,
        ]
    }

    /// A path segment, percent-encoded.
    static func escapePath(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? segment
    }
}
