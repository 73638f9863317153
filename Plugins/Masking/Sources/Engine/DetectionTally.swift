/// How many values each detector masked in one batch or record, for the `masking_detections` counter.
struct DetectionTally: Sendable {
    private(set) var counts: [String: Int] = [:]

    /// Counts one match of `detector`.
    mutating func add(_ detector: String) {
        counts[detector, default: 0] += 1
    }
}
