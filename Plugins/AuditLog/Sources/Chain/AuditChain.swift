import Crypto
import Foundation
import LanternPluginSDK

/// The hash chain: each record's hash is SHA-256 of its canonical form, which holds its sequence number, every
/// field of its event and the previous record's hash, so editing, removing or reordering any record breaks the
/// chain from that record on. One chain per log (one per deployment); appends are serialised by the store.
enum AuditChain {
    /// The previous hash of the first record.
    static let genesis = String(repeating: "0", count: 64)

    /// The record `event` becomes at `sequence` after `previousHash`.
    static func record(_ event: AuditEvent, sequence: Int, previousHash: String) -> AuditRecord {
        AuditRecord(sequence: sequence, event: event, previousHash: previousHash, hash: hash(event, sequence: sequence, previousHash: previousHash))
    }

    /// SHA-256 (hex) of the canonical form: compact JSON with sorted keys, times in UTC milliseconds.
    static func hash(_ event: AuditEvent, sequence: Int, previousHash: String) -> String {
        let canonical = canonicalForm(event, sequence: sequence, previousHash: previousHash)
        return SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func canonicalForm(_ event: AuditEvent, sequence: Int, previousHash: String) -> String {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        let form: JSONValue = [
            "sequence": .number(Double(sequence)), "time": .string(ISO8601Timestamp.format(event.timestamp)), "actor": .string(event.actor),
            "action": .string(event.action), "resourceType": .string(event.resourceType), "resourceId": .string(event.resourceID),
            "organizationId": text(event.organizationID), "projectId": text(event.projectID), "requestId": text(event.requestID),
            "clientAddress": text(event.clientAddress), "userAgent": text(event.userAgent), "before": event.before ?? .null,
            "after": event.after ?? .null, "previousHash": .string(previousHash),
        ]
        return form.jsonText
    }

    /// Checks records in sequence order, continuing after `last` (the previous page's final record): the first
    /// missing, reordered or altered record, or nil.
    static func firstProblem(in records: [AuditRecord], after last: (sequence: Int, hash: String)) -> (problem: String, position: Int)? {
        var expected = last.sequence + 1, previous = last.hash
        for record in records {
            if record.sequence != expected {
                return ("record \(expected) is missing (the next stored record is \(record.sequence))", expected)
            }
            if record.previousHash != previous {
                return ("record \(expected) does not follow record \(expected - 1): reordered, or replaced", expected)
            }
            if hash(record.event, sequence: record.sequence, previousHash: record.previousHash) != record.hash {
                return ("record \(expected) was altered: its content does not match its hash", expected)
            }
            previous = record.hash
            expected += 1
        }
        return nil
    }
}
