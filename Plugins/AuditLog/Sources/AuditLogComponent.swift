import Foundation
import LanternPluginSDK
import Synchronization

/// The audit log: every ``AuditEvent`` the kernel emits, secrets redacted, appended to a SHA-256 hash chain in its
/// own store. In ``AuditMode/failClosed`` a record is durable when ``record(_:)`` returns and the kernel checks
/// ``ensureWritable()`` before each audited mutation; in ``AuditMode/bestEffort`` records are queued and retried.
final class AuditLogComponent: AuditLog {
    let mode: AuditMode
    private let database: SerialDatabase
    private let queue: BestEffortQueue
    private let host = HostReference()
    private let drain = Mutex<Task<Void, Never>?>(nil)
    /// Records read per step of a verification.
    static let verifyPage = 1000

    init(settings: AuditLogSettings) {
        mode = settings.mode
        switch settings.location {
        case .sqlite(let path): database = SerialDatabase(store: SQLiteAuditStore(path: path))
        case .postgres(let url): database = SerialDatabase(store: PostgresAuditStore(url: url))
        }
        let host = self.host
        queue = BestEffortQueue(capacity: settings.bufferSize) {
            host.current?.count("audit_records_dropped", labels: [:], by: 1)
        }
    }

    func start(host: any PluginHost) async throws {
        try await database.run { try $0.prepare() }
        self.host.current = host
        if mode == .bestEffort {
            let queue = queue, database = database
            drain.withLock { $0 = Task { await queue.drain(into: database) } }
        }
    }

    func shutdown() async {
        // Give queued best-effort records a moment to land before the drain stops.
        for _ in 0..<40 where await queue.count > 0 { try? await Task.sleep(for: .milliseconds(50)) }
        drain.withLock { $0 }?.cancel()
    }

    func record(_ event: AuditEvent) async throws {
        let clean = Redaction.redact(event)
        switch mode {
        case .failClosed:
            _ = try await database.run { try $0.append(clean) }
            host.current?.count("audit_records", labels: [:], by: 1)
        case .bestEffort:
            if await queue.enqueue(clean) { host.current?.count("audit_records", labels: [:], by: 1) }
        }
    }

    func ensureWritable() async throws {
        try await database.run { try $0.checkWritable() }
    }

    func records(_ query: AuditLogQuery) async throws -> [AuditRecord] {
        try await database.run { try $0.records(query) }
    }

    func verify(progress: @escaping @Sendable (Int, Int) -> Void) async throws -> AuditChainReport {
        let total = try await database.run { try $0.count() }
        var last = (sequence: 0, hash: AuditChain.genesis), checked = 0
        while true {
            let after = last.sequence
            let page = try await database.run { try $0.records(after: after, limit: Self.verifyPage) }
            guard !page.isEmpty else { return AuditChainReport(checked: checked) }
            if let found = AuditChain.firstProblem(in: page, after: last) {
                return AuditChainReport(checked: checked + max(0, found.position - last.sequence - 1), problem: found.problem, position: found.position)
            }
            checked += page.count
            progress(checked, total)
            if let final = page.last { last = (final.sequence, final.hash) }
        }
    }
}

/// The host the component was started with, shared with the queue's drop counter.
final class HostReference: Sendable {
    private let value = Mutex<(any PluginHost)?>(nil)

    var current: (any PluginHost)? {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}
