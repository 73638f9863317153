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
    public var timestamp: Date

    /// Creates a record.
    public init(actor: String, projectID: String?, action: String, resourceType: String, resourceID: String,
                before: JSONValue? = nil, after: JSONValue? = nil, requestID: String? = nil, timestamp: Date,
                organizationID: String? = nil) {
        self.actor = actor
        self.projectID = projectID
        self.organizationID = organizationID
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.before = before
        self.after = after
        self.requestID = requestID
        self.timestamp = timestamp
    }
}

/// Receives audit records, append-only. A thrown error is logged; the audited action is not undone.
public protocol AuditSink: Component {
    /// Appends one record.
    func record(_ event: AuditEvent) async throws
}
