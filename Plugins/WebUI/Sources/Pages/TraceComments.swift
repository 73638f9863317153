import Foundation
import LanternPluginSDK

/// Comments on the trace page: those on the trace and on the selected observation, and the form that adds one
/// through `POST /api/public/comments` as the signed-in person. The form shows only to roles that may comment
/// (member and above); the kernel's comment service checks the role again, so a forged post by a viewer gets 403.
enum TraceComments {
    /// The template values of the comments of `objectType` `objectID`: the list, and the form when the role allows.
    static func section(_ page: PageRequest, project: PluginUser.ProjectAccess, traceID: String, objectType: String, objectID: String)
        async -> [String: Any] {
        let answer = try? await page.api.get("/api/public/comments", project: project.id,
                                             query: [("objectType", objectType), ("objectId", objectID), ("limit", "100")])
        let comments = (answer?.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue).map { comment -> [String: Any] in
            let author = comment["authorUserId"]?.stringValue
            return ["content": comment["content"]?.stringValue ?? "", "time": Formatting.timestamp(comment["createdAt"]?.stringValue),
                    "author": author == page.user.id ? "you" : (author ?? "API")]
        }
        var section: [String: Any] = ["comments": comments, "count": comments.count, "objectLabel": objectType == "TRACE" ? "trace" : "observation"]
        if project.role != "VIEWER" {
            section["form"] = ["action": "/project/\(PageRenderer.escapePath(project.id))/traces/\(PageRenderer.escapePath(traceID))/comments",
                               "csrfToken": page.user.csrfToken, "objectType": objectType, "objectId": objectID]
        }
        return section
    }

    /// `POST /project/{id}/traces/{traceId}/comments`: adds the comment, then back to the trace page (303).
    @Sendable static func create(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        guard let traceID = page.segment(3) else { throw PageError.notFound("No trace id in the address.") }
        let fields = FormFields.parse(page.request.body)
        let objectType = fields["objectType"] == "OBSERVATION" ? "OBSERVATION" : "TRACE"
        let objectID = objectType == "TRACE" ? traceID : (fields["objectId"] ?? "")
        _ = try await page.api.post("/api/public/comments", project: project.id, body: [
            "objectType": .string(objectType), "objectId": .string(objectID), "content": .string(fields["content"] ?? ""),
            "authorUserId": .string(page.user.id),
        ])
        var back = "/project/\(PageRenderer.escapePath(project.id))/traces/\(PageRenderer.escapePath(traceID))"
        if objectType == "OBSERVATION" { back += "?observation=" + TracesPage.encode(objectID) }
        return PageRenderer.redirect(back + "#comments")
    }
}
