extension DatasetRunItemUpdate {
    /// The id of the run item that links `traceID` to a dataset item under a run. Every path that creates run items
    /// (the REST route, OTLP experiment spans) uses it, so the same (dataset, run, item, trace) is one run item, as
    /// Langfuse keeps it, even when an SDK reports it both ways.
    public static func stableID(datasetID: String, runName: String, datasetItemID: String, traceID: String) -> String {
        // FNV-1a, 64 bit: deterministic across processes and builds (Swift's Hasher is seeded per process).
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(datasetID)|\(runName)|\(datasetItemID)|\(traceID)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "runitem-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
