import LanternPluginSDK

/// Observation and score reads in one snapshot.
package struct ObservationQueries<Connection: SQLConnection> {
    let fetcher: RowFetcher<Connection>
    let projectID: String

    /// Observation reads of `projectID` with `fetcher`.
    package init(fetcher: RowFetcher<Connection>, projectID: String) {
        self.fetcher = fetcher
        self.projectID = projectID
    }

    /// Every observation of the given traces, by start time then id.
    ///
    /// The index hint: without statistics SQLite would walk the whole project in start-time order (to skip the
    /// sort) instead of seeking each trace's rows, which turns a 200-observation trace read into a full scan.
    package func observations(traceIDs: [String]) throws -> [Observation] {
        guard !traceIDs.isEmpty else { return [] }
        return try fetcher.fetch(ObservationTable.self, """
            SELECT \(ObservationTable.selectList) FROM \(Connection.source("observations", index: "observations_by_trace"))
            WHERE project_id = ? AND \(Connection.oneOf("trace_id")) ORDER BY start_time, id
            """, [.text(projectID), try fetcher.list(traceIDs)])
    }

    /// A page of observations matching every filter of `query`, newest start time first (ties by id, descending).
    package func page(_ query: ObservationQuery) throws -> Page<Observation> {
        try fetcher.page(ObservationTable.self, where: try filter(query), orderBy: "start_time DESC, id DESC", request: query.page,
                         index: Self.index(for: query))
    }

    /// At most `query.page.limit` observations matching `query` after `cursor` in the same order, without a count.
    package func page(_ query: ObservationQuery, after cursor: ObservationCursor?) throws -> [Observation] {
        var filter = try filter(query)
        if let cursor {
            let before = Connection.precedes(("start_time", "id"), (.date(cursor.startTime), .text(cursor.id)))
            filter.add(before.sql, values: before.values)
        }
        let source = Connection.source("observations", index: Self.index(for: query))
        return try fetcher.fetch(ObservationTable.self, """
            SELECT \(ObservationTable.selectList) FROM \(source) WHERE \(filter.sql) ORDER BY start_time DESC, id DESC LIMIT ?
            """, filter.values + [.integer(Int64(max(1, query.page.limit)))])
    }

    /// The index to hint at when a filter is far more selective than the time-ordered walk SQLite would pick.
    private static func index(for query: ObservationQuery) -> String? {
        query.traceID != nil ? "observations_by_trace" : query.promptName != nil ? "observations_by_prompt"
            : query.parentObservationID != nil ? "observations_by_parent" : nil
    }

    /// The conditions of `query`.
    private func filter(_ query: ObservationQuery) throws -> SQLFilter {
        var filter = SQLFilter(projectID: projectID)
        filter.equal("trace_id", query.traceID)
        filter.equal("name", query.name)
        filter.equal("type", query.type?.rawValue)
        filter.equal("parent_observation_id", query.parentObservationID)
        filter.equal("level", query.level?.rawValue)
        filter.equal("version", query.version)
        filter.equal("prompt_name", query.promptName)
        if let promptVersion = query.promptVersion { filter.add("prompt_version = ?", .int(promptVersion)) }
        if let userID = query.userID {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND user_id = ?)", .text(projectID), .text(userID))
        }
        if let sessionID = query.sessionID {
            filter.add("trace_id IN (SELECT id FROM traces WHERE project_id = ? AND session_id = ?)", .text(projectID), .text(sessionID))
        }
        try filter.oneOf("environment", query.environments, on: fetcher)
        if let from = query.fromStartTime { filter.add("start_time >= ?", .date(from)) }
        if let to = query.toStartTime { filter.add("start_time < ?", .date(to)) }
        return filter
    }

    /// One observation, or nil.
    package func observation(id: String) throws -> Observation? {
        try fetcher.row(ObservationTable.self, projectID: projectID, id: id)
    }

    /// Every score attached to the given traces, newest first (ties by id).
    package func scores(traceIDs: [String]) throws -> [Score] {
        guard !traceIDs.isEmpty else { return [] }
        return try fetcher.fetch(ScoreTable.self, """
            SELECT \(ScoreTable.selectList) FROM scores
            WHERE project_id = ? AND \(Connection.oneOf("trace_id")) ORDER BY timestamp DESC, id
            """, [.text(projectID), try fetcher.list(traceIDs)])
    }
}
