/// A page request: 1-based page number and page size.
public struct PageRequest: Sendable, Hashable {
    /// 1-based page number.
    public var page: Int
    /// Items per page.
    public var limit: Int

    /// Creates a page request; values below 1 are raised to 1.
    public init(page: Int = 1, limit: Int = 50) {
        self.page = max(1, page)
        self.limit = max(1, limit)
    }

    /// Rows to skip before this page (saturating, never trapping on client-chosen values).
    public var offset: Int {
        let (product, overflow) = max(0, page - 1).multipliedReportingOverflow(by: max(1, limit))
        return overflow ? Int.max : product
    }
}

/// One page of results and the total count across all pages.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Items matching the query across every page.
    public var totalItems: Int
    public var request: PageRequest

    /// Creates a page.
    public init(items: [Item], totalItems: Int, request: PageRequest) {
        self.items = items
        self.totalItems = totalItems
        self.request = request
    }

    /// Pages needed for `totalItems` at this page size.
    public var totalPages: Int {
        let size = max(1, request.limit), items = max(0, totalItems)
        return items / size + (items % size == 0 ? 0 : 1)
    }
}

/// Sort direction.
public enum SortDirection: String, Sendable, Hashable {
    case ascending = "asc", descending = "desc"
}
