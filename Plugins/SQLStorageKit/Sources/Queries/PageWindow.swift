import LanternPluginSDK

/// The LIMIT and OFFSET of a page request, computed without overflow whatever the request holds.
package struct PageWindow {
    /// Rows per page (at least 1).
    package let limit: Int64
    /// Rows to skip; nil when the page lies beyond any possible row.
    package let offset: Int64?

    /// The window of `request`.
    package init(_ request: PageRequest) {
        let limit = max(1, request.limit)
        let (skip, overflow) = (max(1, request.page) - 1).multipliedReportingOverflow(by: limit)
        self.limit = Int64(truncatingIfNeeded: limit)
        self.offset = overflow ? nil : Int64(truncatingIfNeeded: skip)
    }
}

extension RowFetcher {
    /// One page of `Table` rows matching `filter` in `order`, with the number of matching rows; `index` names
    /// the index to use where the database takes hints (see ``SQLConnection/source(_:index:)``).
    package func page<Table: TableMapping>(_ table: Table.Type, where filter: SQLFilter, orderBy order: String,
                                           request: PageRequest, index: String? = nil) throws -> Page<Table.Model> {
        let source = Connection.source(Table.table, index: index)
        let total = try count("SELECT COUNT(*) FROM \(source) WHERE \(filter.sql)", filter.values)
        let window = PageWindow(request)
        guard total > 0, let offset = window.offset else { return Page(items: [], totalItems: total, request: request) }
        let items = try fetch(table, "SELECT \(Table.selectList) FROM \(source) WHERE \(filter.sql) ORDER BY \(order) LIMIT ? OFFSET ?",
                              filter.values + [.integer(window.limit), .integer(offset)])
        return Page(items: items, totalItems: total, request: request)
    }
}
