import LanternPluginSDK

extension SQLStorage {
    /// A page of traces matching `query`, with their derived figures.
    public func traces(projectID: String, query: TraceQuery) async throws -> Page<TraceSummary> {
        try await read { try TraceQueries(fetcher: $0, projectID: projectID).page(query) }
    }

    /// One trace with its derived figures, or nil.
    public func trace(projectID: String, id: String) async throws -> TraceSummary? {
        try await read { try TraceQueries(fetcher: $0, projectID: projectID).trace(id: id) }
    }

    /// Every observation of the given traces, ordered by start time then id.
    public func observations(projectID: String, traceIDs: [String]) async throws -> [Observation] {
        guard !traceIDs.isEmpty else { return [] }
        return try await read { try ObservationQueries(fetcher: $0, projectID: projectID).observations(traceIDs: traceIDs) }
    }

    /// A page of observations matching `query`, newest start time first.
    public func observations(projectID: String, query: ObservationQuery) async throws -> Page<Observation> {
        try await read { try ObservationQueries(fetcher: $0, projectID: projectID).page(query) }
    }

    /// At most `query.page.limit` observations after `cursor`, newest first, found by index (keyset pagination).
    public func observations(projectID: String, query: ObservationQuery, after cursor: ObservationCursor?) async throws -> [Observation] {
        try await read { try ObservationQueries(fetcher: $0, projectID: projectID).page(query, after: cursor) }
    }

    /// One observation, or nil.
    public func observation(projectID: String, id: String) async throws -> Observation? {
        try await read { try ObservationQueries(fetcher: $0, projectID: projectID).observation(id: id) }
    }

    /// Every score attached to the given traces, newest first.
    public func scores(projectID: String, traceIDs: [String]) async throws -> [Score] {
        guard !traceIDs.isEmpty else { return [] }
        return try await read { try ObservationQueries(fetcher: $0, projectID: projectID).scores(traceIDs: traceIDs) }
    }

    /// Deletes the traces with these ids, their observations and scores, in one transaction; returns how many traces existed.
    public func deleteTraces(projectID: String, ids: [String]) async throws -> Int {
        guard !ids.isEmpty else { return 0 }
        let deletion = TraceDeletion(projectID: projectID, ids: ids)
        return try await write { try deletion.run(with: $0) }
    }

    /// A page of sessions, newest first.
    public func sessions(projectID: String, query: SessionQuery) async throws -> Page<Session> {
        try await read { try SessionQueries(fetcher: $0, projectID: projectID).page(query) }
    }

    /// One session, or nil.
    public func session(projectID: String, id: String) async throws -> Session? {
        try await read { try SessionQueries(fetcher: $0, projectID: projectID).session(id: id) }
    }

    /// Every trace of a session, oldest first, with their derived figures.
    public func traces(projectID: String, sessionID: String) async throws -> [TraceSummary] {
        try await read { try TraceQueries(fetcher: $0, projectID: projectID).traces(sessionID: sessionID) }
    }
}
