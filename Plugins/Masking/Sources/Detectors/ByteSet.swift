/// A set of ASCII bytes as two bit masks: membership is a shift and an AND, which matters in loops that run once per
/// byte of every ingested string.
struct ByteSet: Sendable {
    private let low: UInt64
    private let high: UInt64

    /// The set of the ASCII characters in `characters` (others are ignored).
    init(_ characters: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in characters.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.low = low
        self.high = high
    }

    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low & (1 << UInt64(byte)) != 0 }
        if byte < 128 { return high & (1 << UInt64(byte - 64)) != 0 }
        return false
    }
}
