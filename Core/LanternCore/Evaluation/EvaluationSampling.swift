import Crypto
import Foundation

/// Deterministic sampling: a target's draw is the first 53 bits of SHA-256 of a fixed prefix and its id, as a
/// fraction of 2^53, so the same target gets the same decision on every retry, server and rule.
enum EvaluationSampling {
    /// The target's draw in [0, 1).
    static func draw(_ key: String) -> Double {
        let digest = Array(SHA256.hash(data: Data("lantern:evaluation-sampling:v1\u{0}\(key)".utf8)))
        let bits = digest.prefix(7).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 3
        return Double(bits) / Double(UInt64(1) << 53)
    }

    /// A deterministic 32-hex id from the parts (execution ids, judge trace ids, score ids).
    static func id(_ parts: [String]) -> String {
        String(Digests.sha256Hex(Data(parts.joined(separator: "\u{0}").utf8)).prefix(32))
    }

    /// Whether an environment is Lantern's or Langfuse's own (a judge's trace): rules never evaluate those.
    static func isInternal(environment: String?) -> Bool {
        guard let environment else { return false }
        return environment == JudgeTraceWriter.environment || environment.hasPrefix("langfuse")
    }
}
