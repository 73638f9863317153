import Foundation
import LanternPluginSDK

/// What a table page reads: its project, the time range and paging from the URL, and one API page of rows with
/// the named filter parameters passed through (empty values left out, so a blank form field filters nothing).
struct TableFetch {
    let project: PluginUser.ProjectAccess
    let range: DateRange
    let paging: Paging
    let rows: [[String: JSONValue]]
    let total: Int
    /// The API's keyset cursor for the next page, when it pages by cursor.
    let nextCursor: String?

    /// Reads `path` for the page; `rangeParameter` names the API's lower time bound (`fromTimestamp`, `fromStartTime`;
    /// nil when `extra` carries it); `extra` adds parameters the page derived itself (a `filter` JSON).
    static func load(_ page: PageRequest, path: String, rangeParameter: String?, filters: [String],
                     extra: [(name: String, value: String)] = []) async throws -> TableFetch {
        let project = try page.project()
        let range = DateRange(token: page.query("dateRange"))
        let paging = Paging(page)
        var query = paging.apiQuery
        if let from = range.from, let rangeParameter { query.append((rangeParameter, ISO8601Timestamp.format(from))) }
        for name in filters { for value in page.queryValues(name) { query.append((name, value)) } }
        query += extra
        let answer = try await page.api.get(path, project: project.id, query: query)
        return TableFetch(project: project, range: range, paging: paging,
                          rows: (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue),
                          total: Int(answer.objectValue?["meta"]?.objectValue?["totalItems"]?.numberValue ?? 0),
                          nextCursor: answer.objectValue?["meta"]?.objectValue?["cursor"]?.stringValue)
    }

    /// The table's template values: the rows, the pager, the time range choices and `noun` for the count.
    func context(_ page: PageRequest, rows presented: [[String: Any]], noun: String) -> [String: Any] {
        var context = paging.context(total: total, page: page, noun: noun, nextCursor: nextCursor)
        context["rows"] = presented
        context["empty"] = presented.isEmpty
        context["ranges"] = range.options
        return context
    }
}
