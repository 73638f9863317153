import Foundation
import LanternPluginSDK

/// `/project/{id}/users`: the people the project's traces name (`userId`), with their traces, tokens and cost over
/// the chosen `dateRange`, from one metrics query over the trace view; `/users/{userId}` opens their traces.
enum UsersPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        let range = DateRange(token: page.query("dateRange") ?? "30d")
        var query: [String: JSONValue] = [
            "view": "traces", "dimensions": [["field": "userId"]],
            "metrics": [["measure": "count", "aggregation": "count"], ["measure": "totalTokens", "aggregation": "sum"],
                        ["measure": "totalCost", "aggregation": "sum"]],
            "orderBy": [["field": "sum_totalCost", "direction": "desc"]], "config": ["row_limit": 500],
            "toTimestamp": .string(ISO8601Timestamp.format(Date())),
        ]
        query["fromTimestamp"] = .string(ISO8601Timestamp.format(range.from ?? Date(timeIntervalSince1970: 0)))
        let answer = try await page.api.get("/api/public/metrics", project: project.id, query: [("query", JSONValue.object(query).jsonText)])
        let base = "/project/\(PageRenderer.escapePath(project.id))"
        let rows = (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue).compactMap { row -> [String: Any]? in
            guard let user = row["userId"]?.stringValue, !user.isEmpty else { return nil }
            return ["id": user, "href": "\(base)/users/\(PageRenderer.escapePath(user))", "traces": Formatting.number(row["count_count"]?.numberValue),
                    "tokens": Formatting.number(row["sum_totalTokens"]?.numberValue), "cost": Formatting.cost(row["sum_totalCost"]?.numberValue)]
        }
        let context: [String: Any] = ["rows": rows, "empty": rows.isEmpty,
                                      "ranges": range.options]
        return page.pages.page(page, title: "Users", template: "users", context: context, section: "users")
    }

    /// A user's page is their traces: the traces table filtered by `userId`.
    @Sendable static func user(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        guard let user = page.segment(3) else { throw PageError.notFound("No user id in the address.") }
        return PageRenderer.redirect("/project/\(PageRenderer.escapePath(project.id))/traces?dateRange=All&userId=\(TracesPage.encode(user))")
    }
}
