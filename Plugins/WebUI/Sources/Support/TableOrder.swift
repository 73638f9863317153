import Foundation

/// A table's sort in Langfuse's URL form, `orderBy=column-timestamp_order-DESC`, and the header links that set it:
/// a sortable column's link sorts by it, descending first, and flips the direction when it is already the sort.
struct TableOrder {
    let column: String
    let ascending: Bool

    /// The order the URL names when `sortable` holds its column; `defaultColumn`, newest first, otherwise.
    init(_ page: PageRequest, sortable: [String], defaultColumn: String) {
        var column = defaultColumn, ascending = false
        if let text = page.query("orderBy") {
            var parts: [String: String] = [:]
            for pair in text.split(separator: "_") {
                let halves = pair.split(separator: "-", maxSplits: 1).map(String.init)
                if halves.count == 2 { parts[halves[0]] = halves[1] }
            }
            if let named = parts["column"], sortable.contains(named) {
                column = named
                ascending = parts["order"]?.uppercased() == "ASC"
            }
        }
        self.column = column
        self.ascending = ascending
    }

    /// The header values of a column: its link (every other parameter kept, paging reset) and its `aria-sort`.
    func header(_ page: PageRequest, column name: String) -> [String: Any] {
        let current = name == column
        let next = current && !ascending ? "ASC" : "DESC"
        var items: [URLQueryItem] = []
        for (key, values) in page.request.query.sorted(by: { $0.key < $1.key }) where key != "orderBy" && key != "pageIndex" {
            items += values.map { URLQueryItem(name: key, value: $0) }
        }
        items.append(URLQueryItem(name: "orderBy", value: "column-\(name)_order-\(next)"))
        var components = URLComponents()
        components.queryItems = items
        return ["href": page.request.path + "?" + (components.percentEncodedQuery ?? ""),
                "sort": current ? (ascending ? "ascending" : "descending") : "none",
                "arrow": current ? (ascending ? " ▲" : " ▼") : ""]
    }
}
