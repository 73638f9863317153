/// What one run of the conformance suite found.
public struct ConformanceReport: Sendable {
    /// The outcome of one case.
    public enum Outcome: Sendable, Hashable {
        /// Every expectation held.
        case passed
        /// The listed expectations failed (or the case threw).
        case failed([String])
        /// The backend opted out of the capability the case needs.
        case skipped(StorageCapability)
    }

    /// One case and its outcome.
    public struct Result: Sendable {
        public let name: String
        public let outcome: Outcome
    }

    /// Every case in the order it ran.
    public let results: [Result]

    /// Names of the cases that passed.
    public var passed: [String] { results.filter { $0.outcome == .passed }.map(\.name) }

    /// The failed cases with their failure messages.
    public var failures: [(name: String, messages: [String])] {
        results.compactMap { result in
            if case .failed(let messages) = result.outcome { return (result.name, messages) }
            return nil
        }
    }

    /// The skipped cases with the capability they need.
    public var skipped: [(name: String, capability: StorageCapability)] {
        results.compactMap { result in
            if case .skipped(let capability) = result.outcome { return (result.name, capability) }
            return nil
        }
    }

    /// A multi-line summary: counts, every failure with its messages, every opt-out.
    public func summary(backend: String) -> String {
        var lines = ["storage conformance [\(backend)]: \(passed.count) passed, \(failures.count) failed, \(skipped.count) skipped"]
        for failure in failures {
            lines.append("  FAILED \(failure.name)")
            lines += failure.messages.map { "    - \($0)" }
        }
        for skip in skipped {
            lines.append("  SKIPPED \(skip.name): the backend opts out of '\(skip.capability)'")
        }
        return lines.joined(separator: "\n")
    }
}
