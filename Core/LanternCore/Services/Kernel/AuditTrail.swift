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
                         requestID: principal.requestID, timestamp: now, clientAddress: principal.clientAddress, userAgent: principal.userAgent))
        if exported {
            export(ChangeEvent(projectID: principal.projectID, resourceType: resourceType, resourceID: resourceID, action: action,
                               before: before, after: after, actor: principal.actor, timestamp: now))
        }
    }

    /// Announces one stored identity change (a member, a key, a project, a user, a sign-in) in an organization,
    /// optionally naming the project it concerns.
    func record(_ caller: OrganizationPrincipal, project projectID: String? = nil, _ resourceType: String, _ resourceID: String,
                _ action: String, before: JSONValue? = nil, after: JSONValue? = nil) {
        audit(AuditEvent(actor: caller.actor, projectID: projectID, action: "\(resourceType).\(action)", resourceType: resourceType,
                         resourceID: resourceID, before: before, after: after, requestID: caller.requestID, timestamp: Date(),
                         organizationID: caller.organizationID, clientAddress: caller.clientAddress, userAgent: caller.userAgent))
    }

    /// Announces an event of a person with no organization in scope yet (a sign-in attempt, a sign-out).
    func record(actor: String, requestID: String?, _ resourceType: String, _ resourceID: String, _ action: String, after: JSONValue? = nil) {
        audit(AuditEvent(actor: actor, projectID: nil, action: "\(resourceType).\(action)", resourceType: resourceType,
                         resourceID: resourceID, after: after, requestID: requestID, timestamp: Date()))
    }
}
