import Foundation
import LanternPluginSDK

/// One named check of the storage contract.
struct ConformanceCase: Sendable {
    let name: String
    /// The capability the case exercises; nil for the core contract, which has no opt-out.
    let capability: StorageCapability?
    let body: @Sendable (CaseContext) async throws -> Void

    init(_ name: String, needs capability: StorageCapability? = nil, _ body: @escaping @Sendable (CaseContext) async throws -> Void) {
        self.name = name
        self.capability = capability
        self.body = body
    }
}

/// Thrown by ``CaseContext/require(_:_:)`` to stop a case whose later steps make no sense.
struct RequirementFailed: Error {}

/// What a case works with: the backend, a fresh project of its own, and expectation recording.
final class CaseContext: @unchecked Sendable {
    let storage: any StorageBackend
    /// A project id no other case uses, so cases never see each other's rows.
    let projectID: String
    /// A second fresh project, for isolation checks.
    let otherProjectID: String
    /// A fixed instant the case's timestamps are built from (whole milliseconds).
    let base: Date
    private let lock = NSLock()
    private var messages: [String] = []

    init(storage: any StorageBackend) {
        self.storage = storage
        projectID = "conformance-" + Self.freshID()
        otherProjectID = "conformance-" + Self.freshID()
        // Whole milliseconds, so every backend can store the instant exactly.
        base = Date(timeIntervalSince1970: 1_767_225_600.123)
    }

    var failures: [String] { lock.withLock { messages } }

    /// A fresh lowercase hex id.
    static func freshID() -> String { UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() }

    /// `base` moved by `seconds`.
    func at(_ seconds: Double) -> Date { base.addingTimeInterval(seconds) }

    /// Records a failure unless `condition` holds.
    func expect(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { record(message()) }
    }

    /// Records a failure naming `what`, the expected and the actual value, unless they are equal.
    func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ what: String) {
        if actual != expected { record("\(what): expected \(expected), got \(actual)") }
    }

    /// Records a failure naming `what` unless `body` throws ``StorageError/conflict(_:)``.
    func expectConflict(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            record("\(what): expected StorageError.conflict, nothing was thrown")
        } catch StorageError.conflict(_) {
        } catch {
            record("\(what): expected StorageError.conflict, got \(error)")
        }
    }

    /// The value, or a recorded failure that ends the case.
    func require<T>(_ value: T?, _ what: String) throws -> T {
        guard let value else {
            record("\(what): missing")
            throw RequirementFailed()
        }
        return value
    }

    func record(_ message: String) { lock.withLock { messages.append(message) } }

    /// Writes events to this case's project and expects every one to be stored.
    @discardableResult
    func write(_ events: [IngestionEvent], project: String? = nil) async throws -> [EventOutcome] {
        let outcomes = try await storage.write(events, projectID: project ?? projectID)
        expectEqual(outcomes.map(\.eventID), events.map(\.id), "outcome ids, in input order")
        for outcome in outcomes where !outcome.isSuccess {
            record("event \(outcome.eventID) was not stored: \(outcome.status) \(outcome.error ?? "")")
        }
        return outcomes
    }
}
