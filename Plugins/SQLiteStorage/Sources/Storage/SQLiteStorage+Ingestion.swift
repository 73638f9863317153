import LanternPluginSDK

extension SQLiteStorage {
    /// Applies the batch in order in one transaction (see ``BatchWriter``) and returns after it committed. The rows the
    /// events create are encoded first, on the calling task (``CreatedRows``), while the writer may still be busy.
    ///
    /// An event whose row cannot be stored is reported with status 400; a failed commit throws
    /// ``StorageError/unavailable(_:)`` and acknowledges nothing.
    public func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        guard !events.isEmpty else { return [] }
        let (database, host) = try running()
        let now = host.now()
        let writer = BatchWriter(projectID: projectID, now: now, logger: host.logger)
        let created = CreatedRows(events, projectID: projectID, now: now)
        return try await database.write { connection in try writer.write(events, created: created, on: connection) }
    }

    /// Two batches may be submitted at once: one is encoded (``CreatedRows``) while the other holds the writer
    /// connection, whose serial queue still runs their transactions one after the other.
    public var concurrentWrites: Int { 2 }
}
