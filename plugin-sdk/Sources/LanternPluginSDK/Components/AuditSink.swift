import Foundation

/// One append-only audit record: who did what to which resource.
public struct AuditEvent: Sendable, Hashable {
    /// The public key, user or `system` that acted.
    public var actor: String
    public var projectID: String?
    /// The organization acted on, for identity changes (members, keys, projects); nil for project data.
    public var organizationID: String?
    /// `trace.delete`, `apiKey.create`, `prompt.update`, …
    public var action: String
    /// `trace`, `prompt`, `apiKey`, …
    public var resourceType: String
    public var resourceID: String
    public var before: JSONValue?
    public var after: JSONValue?
    public var requestID: String?
    /// The caller's network address, as the server saw it (or from `X-Forwarded-For`).
    public var clientAddress: String?
    /// The caller's `User-Agent`.
    public var userAgent: String?
    public var timestamp: Date

    /// Creates a record.
    public init(actor: String, projectID: String?, action: String, resourceType: String, resourceID: String,
                before: JSONValue? = nil, after: JSONValue? = nil, requestID: String? = nil, timestamp: Date,
                organizationID: String? = nil, clientAddress: String? = nil, userAgent: String? = nil) {
        self.actor = actor
        self.projectID = projectID
        self.organizationID = organizationID
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.before = before
        self.after = after
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.timestamp = timestamp
    }
}

/// Receives audit records, append-only. A thrown error is logged; the audited action is not undone.
public protocol AuditSink: Component {
    /// Appends one record.
    func record(_ event: AuditEvent) async throws
}

/// Whether mutations wait for an audit log.
@frozen
public enum AuditMode: String, Sendable, Hashable {
    /// A mutation is refused (503, not applied) when the log cannot take its record.
    case failClosed
    /// Records are queued and retried; when the queue is full, they are dropped and counted.
    case bestEffort
}

/// One record of a tamper-evident audit log: the event, its place in the chain and the hashes linking it.
public struct AuditRecord: Sendable, Hashable {
    /// 1, 2, … in append order, with no gaps.
    public var sequence: Int
    public var event: AuditEvent
    /// The hash of the record before (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 (hex) of this record's canonical form, which includes `previousHash`.
    public var hash: String

    /// Creates a record.
    public init(sequence: Int, event: AuditEvent, previousHash: String, hash: String) {
        self.sequence = sequence
        self.event = event
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Filters of an audit log read; nil matches everything. Results are in append order, after `afterSequence`.
public struct AuditLogQuery: Sendable, Hashable {
    /// Records of this organization: its identity changes and its projects' changes (`projectIDs`).
    public var organizationID: String?
    public var projectIDs: [String]?
    public var actor: String?
    public var action: String?
    public var resourceType: String?
    public var resourceID: String?
    public var from: Date?
    public var to: Date?
    public var afterSequence: Int
    public var limit: Int

    /// Creates a query.
    public init(organizationID: String? = nil, projectIDs: [String]? = nil, actor: String? = nil, action: String? = nil,
                resourceType: String? = nil, resourceID: String? = nil, from: Date? = nil, to: Date? = nil, afterSequence: Int = 0,
                limit: Int = 100) {
        self.organizationID = organizationID
        self.projectIDs = projectIDs
        self.actor = actor
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.from = from
        self.to = to
        self.afterSequence = afterSequence
        self.limit = limit
    }
}

/// The outcome of walking an audit chain.
public struct AuditChainReport: Sendable, Hashable {
    /// Records checked before the walk ended.
    public var checked: Int
    /// The first problem (an altered, missing or reordered record), or nil when the chain is whole.
    public var problem: String?
    /// The sequence number where the problem is.
    public var position: Int?

    /// Creates a report.
    public init(checked: Int, problem: String? = nil, position: Int? = nil) {
        self.checked = checked
        self.problem = problem
        self.position = position
    }
}

/// An audit sink that keeps its own tamper-evident log, which the kernel reads (`GET /api/public/audit-logs`) and
/// verifies (`lantern audit verify`).
public protocol AuditLog: AuditSink {
    var mode: AuditMode { get }
    /// Throws unless a record could be made durable now. With ``AuditMode/failClosed`` the kernel calls it before
    /// each audited mutation and refuses the mutation (503) when it throws.
    func ensureWritable() async throws
    /// Records matching `query`, in append order.
    func records(_ query: AuditLogQuery) async throws -> [AuditRecord]
    /// Walks the whole chain; `progress` gets (checked, total) as it goes.
    func verify(progress: @escaping @Sendable (Int, Int) -> Void) async throws -> AuditChainReport
}
