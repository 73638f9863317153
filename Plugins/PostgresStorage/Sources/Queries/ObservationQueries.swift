import LanternPluginSDK
import SQLStorageKit

/// Observation and score reads in one snapshot.
struct ObservationQueries {
    let fetcher: RowFetcher
    let projectID: String

    /// Every observation of the given traces, by start time then id.
    func observations(traceIDs: [String]) throws -> [Observation] {
        guard !traceIDs.isEmpty else { return [] }
        return try fetcher.fetch(ObservationTable.self, """
            SELECT \(ObservationTable.selectList) FROM observations
            WHERE project_id = $1 AND trace_id = ANY($2::text[]) ORDER BY start_time, id
            """, [.text(projectID), .textArray(traceIDs)])
    }

    /// A page of observations matching every filter of `query`, newest start time first (ties by id, descending).
    func page(_ query: ObservationQuery) throws -> Page<Observation> {
        try fetcher.page(ObservationTable.self, where: try filter(query), orderBy: "start_time DESC, id DESC", request: query.page)
    }

    /// At most `query.page.limit` observations matching `query` after `cursor` in the same order, without a count.
    func page(_ query: ObservationQuery, after cursor: ObservationCursor?) throws -> [Observation] {
        var filter = try filter(query)
        if let cursor { filter.add("(start_time, id) < (?, ?)", .date(cursor.startTime), .text(cursor.id)) }
        return try fetcher.fetch(ObservationTable.self, """
            SELECT \(ObservationTable.selectList) FROM observations WHERE \(filter.sql) ORDER BY start_time DESC, id DESC LIMIT ?
            """, filter.values + [.int(max(1, query.page.limit))])
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
    func observation(id: String) throws -> Observation? {
        try fetcher.row(ObservationTable.self, projectID: projectID, id: id)
    }

    /// Every score attached to the given traces, newest first (ties by id).
    func scores(traceIDs: [String]) throws -> [Score] {
        guard !traceIDs.isEmpty else { return [] }
        return try fetcher.fetch(ScoreTable.self, """
            SELECT \(ScoreTable.selectList) FROM scores
            WHERE project_id = $1 AND trace_id = ANY($2::text[]) ORDER BY timestamp DESC, id
            """, [.text(projectID), .textArray(traceIDs)])
    }
}
