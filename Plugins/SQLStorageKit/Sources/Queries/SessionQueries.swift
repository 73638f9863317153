import LanternPluginSDK

/// Session reads in one snapshot.
package struct SessionQueries<Connection: SQLConnection> {
    let fetcher: RowFetcher<Connection>
    let projectID: String

    /// Session reads of `projectID` with `fetcher`.
    package init(fetcher: RowFetcher<Connection>, projectID: String) {
        self.fetcher = fetcher
        self.projectID = projectID
    }

    /// A page of sessions matching `query`, newest first (ties by id, descending).
    package func page(_ query: SessionQuery) throws -> Page<Session> {
        var filter = SQLFilter(projectID: projectID)
        if let from = query.fromTimestamp { filter.add("created_at >= ?", .date(from)) }
        if let to = query.toTimestamp { filter.add("created_at < ?", .date(to)) }
        try filter.oneOf("environment", query.environments, on: fetcher)
        return try fetcher.page(SessionTable.self, where: filter, orderBy: "created_at DESC, id DESC", request: query.page)
    }

    /// One session, or nil.
    package func session(id: String) throws -> Session? {
        try fetcher.row(SessionTable.self, projectID: projectID, id: id)
    }
}
