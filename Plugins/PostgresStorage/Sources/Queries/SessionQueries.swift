import LanternPluginSDK

/// Session reads in one snapshot.
struct SessionQueries {
    let fetcher: RowFetcher
    let projectID: String

    /// A page of sessions matching `query`, newest first (ties by id, descending).
    func page(_ query: SessionQuery) throws -> Page<Session> {
        var filter = SQLFilter(projectID: projectID)
        if let from = query.fromTimestamp { filter.add("created_at >= ?", .date(from)) }
        if let to = query.toTimestamp { filter.add("created_at < ?", .date(to)) }
        filter.oneOf("environment", query.environments)
        return try fetcher.page(SessionTable.self, where: filter, orderBy: "created_at DESC, id DESC", request: query.page)
    }

    /// One session, or nil.
    func session(id: String) throws -> Session? {
        try fetcher.row(SessionTable.self, projectID: projectID, id: id)
    }
}
