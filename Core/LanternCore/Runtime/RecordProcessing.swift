import LanternPluginSDK

extension LanternRuntime {
    /// Passes a value stored outside ingestion events through every ``RecordProcessor`` (masking on every path);
    /// a processor's failure refuses the write (503) rather than storing the value unprocessed. Nil stays nil.
    func processRecord(_ value: JSONValue?, field: RecordField, projectID: String) async throws -> JSONValue? {
        guard var processed = value else { return nil }
        for (id, processor) in recordProcessors {
            do { processed = try await processor.process(processed, field: field, projectID: projectID) } catch {
                throw APIError.unavailable("processor \(id) failed on \(field): \(error)")
            }
        }
        return processed
    }
}
