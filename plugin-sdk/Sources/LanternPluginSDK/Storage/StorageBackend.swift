import Foundation

/// A storage plugin: the kernel's only persistence. One instance per server.
///
/// Contract for every backend (the conformance suite checks each rule):
/// - Every method is scoped to one project; data of another project MUST never be returned or changed.
/// - Methods throw ``StorageError`` for expected failures; other errors mean "unavailable".
/// - A method a backend does not support throws ``StorageError/unsupported(_:)`` naming the capability,
///   never a silently narrower answer.
public protocol StorageBackend: Component, ProjectStore, IdentityStore, IngestionStore, TraceReader, PromptStore, DatasetStore, MediaStore {
    /// Applies pending schema migrations; idempotent, safe to call on every start.
    func migrate() async throws
}

/// Projects and API keys.
public protocol ProjectStore: Sendable {
    /// Inserts the project, or updates the name and metadata of the one with the same id.
    func upsertProject(_ project: Project) async throws
    /// Every project, ordered by name.
    func projects() async throws -> [Project]
    /// The project with this name, or nil.
    func project(named name: String) async throws -> Project?
    /// The project with this id, or nil.
    func project(id: String) async throws -> Project?
    /// Stores a key; a key with the same public key is replaced.
    func upsertAPIKey(_ key: APIKey) async throws
    /// The key with this public key, or nil.
    func apiKey(publicKey: String) async throws -> APIKey?
}

/// The write side of ingestion.
public protocol IngestionStore: Sendable {
    /// Applies `events` in order with ``MergeRules`` and commits them.
    ///
    /// - MUST return only after every event reported as stored is durable.
    /// - MUST return one outcome per event, in input order; an event that cannot be applied
    ///   (e.g. a score naming a missing trace is fine, but an invalid row is not) is reported, not thrown.
    /// - An observation whose trace does not exist creates a trace with only its id, timestamp and environment.
    /// - A trace or observation with a `sessionID` creates its session if missing.
    /// - Re-sending the same events yields the same stored rows (idempotent).
    func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome]

    /// How many ``write(_:projectID:)`` calls (each one group of requests) the kernel may have in flight at once.
    /// The default, 1, keeps a single writer. A backend whose transactions can run side by side (own connections,
    /// row locks, deadlocks retried) may answer more, so one commit's execution overlaps another's round trips and
    /// flush. A request sent after another was acknowledged is always committed after it.
    var concurrentWrites: Int { get }
}

extension IngestionStore {
    /// One writer.
    public var concurrentWrites: Int { 1 }
}

/// The read side of traces, observations, scores and sessions.
public protocol TraceReader: Sendable {
    /// A page of traces matching `query`, with their derived figures.
    func traces(projectID: String, query: TraceQuery) async throws -> Page<TraceSummary>
    /// One trace with its derived figures, or nil.
    func trace(projectID: String, id: String) async throws -> TraceSummary?
    /// Every observation of the given traces, ordered by start time then id.
    func observations(projectID: String, traceIDs: [String]) async throws -> [Observation]
    /// A page of observations matching `query`, newest start time first.
    func observations(projectID: String, query: ObservationQuery) async throws -> Page<Observation>
    /// Keyset pagination: at most `query.page.limit` observations matching `query` that sort after `cursor` (from the
    /// newest when nil) in the newest-first order, without counting the matches; `query.page.page` is ignored.
    func observations(projectID: String, query: ObservationQuery, after cursor: ObservationCursor?) async throws -> [Observation]
    /// One observation, or nil.
    func observation(projectID: String, id: String) async throws -> Observation?
    /// Every score attached to the given traces, newest first.
    func scores(projectID: String, traceIDs: [String]) async throws -> [Score]
    /// Deletes the traces with these ids and everything attached to them; returns how many traces existed.
    func deleteTraces(projectID: String, ids: [String]) async throws -> Int
    /// A page of sessions, newest first.
    func sessions(projectID: String, query: SessionQuery) async throws -> Page<Session>
    /// One session, or nil.
    func session(projectID: String, id: String) async throws -> Session?
    /// Every trace of a session, oldest first.
    func traces(projectID: String, sessionID: String) async throws -> [TraceSummary]
    /// One score of any target (trace, observation, session, dataset run), or nil.
    func score(projectID: String, id: String) async throws -> Score?
    /// A page of scores of any target matching every filter of `query`, newest first (timestamp, then id, descending).
    /// `userID` and `traceTags` match the score's trace; scores without a trace never match them.
    func scores(projectID: String, query: ScoreQuery) async throws -> Page<Score>
    /// Deletes one score; false when it did not exist.
    func deleteScore(projectID: String, id: String) async throws -> Bool
}

extension TraceReader {
    /// The first page through the offset API; later pages need the storage's own keyset query.
    public func observations(projectID: String, query: ObservationQuery, after cursor: ObservationCursor?) async throws -> [Observation] {
        guard cursor == nil else { throw StorageError.unsupported("keyset pagination of observations") }
        var first = query
        first.page.page = 1
        return try await observations(projectID: projectID, query: first).items
    }
    public func score(projectID: String, id: String) async throws -> Score? { throw StorageError.unsupported("score queries") }
    public func scores(projectID: String, query: ScoreQuery) async throws -> Page<Score> { throw StorageError.unsupported("score queries") }
    public func deleteScore(projectID: String, id: String) async throws -> Bool { throw StorageError.unsupported("score queries") }
}

/// Expected storage failures.
public enum StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The backend does not implement this capability.
    case unsupported(String)
    /// A uniqueness rule was violated; the text names it.
    case conflict(String)
    /// The backend cannot be reached or opened; the text says which resource and why.
    case unavailable(String)
    /// The input cannot be stored as given (e.g. a non-finite number); the text names the field.
    case invalid(String)
    /// A query ran past the storage's statement deadline and was stopped; the text names the deadline and the
    /// setting that sets it. Retrying the same query will not help; a narrower one may.
    case tooSlow(String)

    public var description: String {
        switch self {
        case .unsupported(let what): "storage does not support \(what)"
        case .conflict(let what): "conflict: \(what)"
        case .unavailable(let why): "storage unavailable: \(why)"
        case .invalid(let what): "invalid input: \(what)"
        case .tooSlow(let what): "query stopped at the statement deadline: \(what)"
        }
    }
}
