import Foundation

/// What a retention policy wants deleted from one project.
public struct RetentionDecision: Sendable, Hashable {
    /// Delete traces (and everything attached) whose timestamp is before this date; nil keeps all.
    public var deleteTracesBefore: Date?

    /// Creates a decision.
    public init(deleteTracesBefore: Date?) { self.deleteTracesBefore = deleteTracesBefore }
    /// Keep everything.
    public static let keepAll = RetentionDecision(deleteTracesBefore: nil)
}

/// Decides what to delete; the kernel's sweeper carries it out through storage.
public protocol RetentionPolicy: Component {
    /// The decision for `project` at `now`.
    func decide(for project: Project, now: Date) async throws -> RetentionDecision
}
