import Foundation
import LanternPluginSDK

/// The one place a mutation is announced. Every mutating service method calls ``record(_:_:_:_:before:after:exported:)``
/// exactly once after the change is stored: audit sinks get an ``AuditEvent`` and, for managed resources exporters
/// follow (prompts today), exporters get the matching ``ChangeEvent``.
struct AuditTrail: Sendable {
    let audit: @Sendable (AuditEvent) -> Void
    let export: @Sendable (ChangeEvent) -> Void

    /// Announces one stored change: `action` in the past tense (`created`, `deleted`, `labels-updated`, …) of a
    /// `resourceType` (`prompt`, `dataset`, …); the audit action reads `<resourceType>.<action>`.
    func record(_ principal: Principal, _ resourceType: String, _ resourceID: String, _ action: String,
                before: JSONValue? = nil, after: JSONValue? = nil, exported: Bool = false) {
        let now = Date()
        audit(AuditEvent(actor: principal.actor, projectID: principal.projectID, action: "\(resourceType).\(action)",
                         resourceType: resourceType, resourceID: resourceID, before: before, after: after,
                         requestID: principal.requestID, timestamp: now))
        if exported {
            export(ChangeEvent(projectID: principal.projectID, resourceType: resourceType, resourceID: resourceID, action: action,
                               before: before, after: after, actor: principal.actor, timestamp: now))
        }
    }
}
