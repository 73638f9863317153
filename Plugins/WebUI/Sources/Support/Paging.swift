import Foundation

/// Langfuse's table paging in the URL: `pageIndex` (0-based) and `pageSize` (default 50, at most 100). Links to
/// the previous and next page keep every other parameter.
struct Paging {
    let pageIndex: Int
    let pageSize: Int

    init(_ page: PageRequest) {
        pageIndex = max(0, Int(page.query("pageIndex") ?? "") ?? 0)
        pageSize = min(100, max(1, Int(page.query("pageSize") ?? "") ?? 50))
    }

    /// The API's `page` (1-based) and `limit`.
    var apiQuery: [(name: String, value: String)] { [("page", String(pageIndex + 1)), ("limit", String(pageSize))] }

    /// The pager's template values for `total` rows.
    func context(total: Int, page: PageRequest) -> [String: Any] {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        return ["total": total, "pageNumber": pageIndex + 1, "pageCount": pages,
                "previous": pageIndex > 0 ? link(page, pageIndex - 1) : false,
                "next": pageIndex + 1 < pages ? link(page, pageIndex + 1) : false]
    }

    private func link(_ page: PageRequest, _ index: Int) -> String {
        var items: [URLQueryItem] = []
        for (name, values) in page.request.query.sorted(by: { $0.key < $1.key }) where name != "pageIndex" {
            items += values.map { URLQueryItem(name: name, value: $0) }
        }
        items.append(URLQueryItem(name: "pageIndex", value: String(index)))
        var components = URLComponents()
        components.queryItems = items
        return page.request.path + "?" + (components.percentEncodedQuery ?? "")
    }
}
