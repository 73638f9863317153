import LanternPluginSDK

extension PostgresStorage {
    /// Applies the batch in order in one transaction (see ``BatchWriter``): the events are folded per entity in
    /// memory, then each table is written with multi-row upserts that merge with the stored rows in SQL.
    /// Returns after the commit.
    ///
    /// An event whose row cannot be stored is reported with status 400; a failed statement or commit (the
    /// database unreachable, the connection lost) throws ``StorageError/unavailable(_:)`` and acknowledges nothing.
    public func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        guard !events.isEmpty else { return [] }
        let (database, host) = try running()
        let writer = BatchWriter(projectID: projectID, now: host.now(), logger: host.logger)
        return try await database.write { connection in try writer.write(events, on: connection) }
    }

    /// Two batches commit at once when the pool leaves a connection for reads: while one transaction executes on the
    /// server, the other's rows are encoded, sent and flushed (a single writer left a core of the server idle).
    /// Both lock rows in id order and a lost deadlock is retried (``Database/write(_:)``).
    public var concurrentWrites: Int { settings.poolSize >= 3 ? 2 : 1 }
}
