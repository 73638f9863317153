import Foundation

/// A change to a managed resource (a prompt created, its labels moved, versions deleted), delivered to exporters
/// and, as an ``AuditEvent``, to audit sinks after it is stored.
public struct ChangeEvent: Sendable, Hashable {
    public var projectID: String
    /// The kind of resource, e.g. `prompt`.
    public var resourceType: String
    /// The resource's id, e.g. a prompt name.
    public var resourceID: String
    /// What happened, e.g. `created`, `labels-updated`, `deleted`.
    public var action: String
    /// The resource before and after the change (nil where there is none).
    public var before: JSONValue?
    public var after: JSONValue?
    /// Who made it (e.g. `api` for an API key of the project).
    public var actor: String
    public var timestamp: Date

    /// Creates a change event.
    public init(projectID: String, resourceType: String, resourceID: String, action: String, before: JSONValue? = nil,
                after: JSONValue? = nil, actor: String, timestamp: Date) {
        self.projectID = projectID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.action = action
        self.before = before
        self.after = after
        self.actor = actor
        self.timestamp = timestamp
    }
}
