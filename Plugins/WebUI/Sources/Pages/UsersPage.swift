import Foundation
import LanternPluginSDK

/// `/project/{id}/users`: the people the project's traces name (`userId`), with their traces, tokens and cost over
/// the chosen `dateRange` and when they were first and last seen, from one metrics query over the trace view.
enum UsersPage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        let range = DateRange(token: page.query("dateRange") ?? "30d")
        var query: [String: JSONValue] = [
            "view": "traces", "dimensions": [["field": "userId"]],
            "metrics": [["measure": "count", "aggregation": "count"], ["measure": "totalTokens", "aggregation": "sum"],
                        ["measure": "totalCost", "aggregation": "sum"], ["measure": "timestamp", "aggregation": "min"],
                        ["measure": "timestamp", "aggregation": "max"]],
            "orderBy": [["field": "sum_totalCost", "direction": "desc"]], "config": ["row_limit": 500],
            "toTimestamp": .string(ISO8601Timestamp.format(Date())),
        ]
        query["fromTimestamp"] = .string(ISO8601Timestamp.format(range.from ?? Date(timeIntervalSince1970: 0)))
        let answer = try await page.api.get("/api/public/metrics", project: project.id, query: [("query", JSONValue.object(query).jsonText)])
        let base = "/project/\(PageRenderer.escapePath(project.id))"
        let rows = (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue).compactMap { row -> [String: Any]? in
            guard let user = row["userId"]?.stringValue, !user.isEmpty else { return nil }
            return ["id": user, "href": "\(base)/users/\(PageRenderer.escapePath(user))", "traces": Formatting.number(row["count_count"]?.numberValue),
                    "tokens": Formatting.number(row["sum_totalTokens"]?.numberValue), "cost": Formatting.cost(row["sum_totalCost"]?.numberValue),
                    "first": Formatting.timestamp(row["min_timestamp"]?.numberValue.map(milliseconds)),
                    "last": Formatting.timestamp(row["max_timestamp"]?.numberValue.map(milliseconds))]
        }
        let context: [String: Any] = ["rows": rows, "empty": rows.isEmpty,
                                      "ranges": range.options]
        return page.pages.page(page, title: "Users", template: "users", context: context, section: "users")
    }

    /// An ISO timestamp from milliseconds since 1970 (the `timestamp` measure).
    static func milliseconds(_ value: Double) -> String { ISO8601Timestamp.format(Date(timeIntervalSince1970: value / 1000)) }
}
