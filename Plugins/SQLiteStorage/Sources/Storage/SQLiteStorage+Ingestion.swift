import LanternPluginSDK

extension SQLiteStorage {
    /// Applies the batch in order in one transaction (see ``BatchWriter``) and returns after it committed.
    ///
    /// An event whose row cannot be stored is reported with status 400; a failed commit throws
    /// ``StorageError/unavailable(_:)`` and acknowledges nothing.
    public func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        guard !events.isEmpty else { return [] }
        let (database, host) = try running()
        let writer = BatchWriter(projectID: projectID, now: host.now(), logger: host.logger)
        return try await database.write { connection in try writer.write(events, on: connection) }
    }
}
