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

    /// The pager's template values for `total` rows of `noun` (a plural, made singular for one row). With
    /// `nextCursor` (the API's keyset cursor) the next page's link carries it, so a deep page costs what the first
    /// does; the previous page's link pages by number.
    func context(total: Int, page: PageRequest, noun: String, nextCursor: String? = nil) -> [String: Any] {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        return ["total": total, "noun": total == 1 && noun.hasSuffix("s") ? String(noun.dropLast()) : noun,
                "pageNumber": pageIndex + 1, "pageCount": pages,
                "previous": pageIndex > 0 ? link(page, pageIndex - 1, cursor: nil) : false,
                "next": pageIndex + 1 < pages ? link(page, pageIndex + 1, cursor: nextCursor) : false]
    }

    private func link(_ page: PageRequest, _ index: Int, cursor: String?) -> String {
        var items: [URLQueryItem] = []
        for (name, values) in page.request.query.sorted(by: { $0.key < $1.key }) where name != "pageIndex" && name != "cursor" {
            items += values.map { URLQueryItem(name: name, value: $0) }
        }
        items.append(URLQueryItem(name: "pageIndex", value: String(index)))
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        var components = URLComponents()
        components.queryItems = items
        return page.request.path + "?" + (components.percentEncodedQuery ?? "")
    }
}
