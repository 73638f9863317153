import LanternPluginSDK

/// Reads every item of a paged storage read, page after page, so no service caps a result silently.
enum AllPages {
    /// Calls `read` with pages of `pageSize` until the reported total is reached or a page comes back empty.
    static func read<Item: Sendable>(pageSize: Int = 1000, _ read: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var all: [Item] = []
        var request = PageRequest(page: 1, limit: pageSize)
        while true {
            let page = try await read(request)
            all += page.items
            guard !page.items.isEmpty, all.count < page.totalItems else { return all }
            request = PageRequest(page: request.page + 1, limit: request.limit)
        }
    }
}
