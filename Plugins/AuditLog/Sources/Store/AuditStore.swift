import Foundation
import LanternPluginSDK

/// Where the log lives: its own SQLite file, or a PostgreSQL database (the main one or another). Every method
/// blocks on the database; ``SerialDatabase`` runs them off the cooperative threads.
protocol AuditStore: Sendable {
    /// Creates the tables if missing.
    func prepare() throws
    /// Appends `event` at the end of the chain, in one transaction that holds the chain head (a row lock on
    /// PostgreSQL, so several servers keep one linear chain), and returns the stored record.
    func append(_ event: AuditEvent) throws -> AuditRecord
    /// Throws unless a write transaction can be opened now.
    func checkWritable() throws
    /// Runs one statement with `?` placeholders bound to `values` (text, nil for NULL); its rows as text.
    func rows(_ sql: String, _ values: [String?]) throws -> [[String?]]
}

extension AuditStore {
    /// Records matching `query`, in sequence order.
    func records(_ query: AuditLogQuery) throws -> [AuditRecord] {
        let filter = AuditColumns.filter(query)
        return try rows("SELECT \(AuditColumns.list) FROM \(AuditColumns.table) WHERE \(filter.sql) ORDER BY sequence LIMIT \(max(1, query.limit))",
                        filter.values).compactMap(AuditColumns.record)
    }

    /// Up to `limit` records after `sequence`, in order, unfiltered (for verification): a row that cannot be read
    /// stays in the walk as an empty record, so verification reports it altered.
    func records(after sequence: Int, limit: Int) throws -> [AuditRecord] {
        try rows("SELECT \(AuditColumns.list) FROM \(AuditColumns.table) WHERE sequence > ? ORDER BY sequence LIMIT \(max(1, limit))",
                 [String(sequence)]).map { AuditColumns.record($0) ?? AuditColumns.unreadable($0) }
    }

    /// How many records there are.
    func count() throws -> Int {
        try rows("SELECT COUNT(*) FROM \(AuditColumns.table)", []).first?.first.flatMap { $0.flatMap(Int.init) } ?? 0
    }

    /// Inserts `record`.
    func insert(_ record: AuditRecord) throws {
        let placeholders = AuditColumns.names.map { _ in "?" }.joined(separator: ", ")
        _ = try rows("INSERT INTO \(AuditColumns.table) (\(AuditColumns.list)) VALUES (\(placeholders))", AuditColumns.values(record))
    }
}

/// The columns both stores keep, in order; times as ISO 8601 text so both databases store the same bytes.
enum AuditColumns {
    static let table = "lantern_audit_log"
    static let head = "lantern_audit_chain_head"
    static let names = ["sequence", "occurred_at", "actor", "action", "resource_type", "resource_id", "organization_id", "project_id",
                        "request_id", "client_address", "user_agent", "before_json", "after_json", "previous_hash", "hash"]
    static var list: String { names.joined(separator: ", ") }

    /// The record's values as text (nil for NULL), in ``names`` order.
    static func values(_ record: AuditRecord) -> [String?] {
        let event = record.event
        return [String(record.sequence), ISO8601Timestamp.format(event.timestamp), event.actor, event.action, event.resourceType, event.resourceID,
                event.organizationID, event.projectID, event.requestID, event.clientAddress, event.userAgent, event.before?.jsonText,
                event.after?.jsonText, record.previousHash, record.hash]
    }

    /// The record in a row read back in ``names`` order; nil when the row is not one (a damaged row is reported by
    /// verification as altered, since its hash no longer matches what can be read).
    static func record(_ row: [String?]) -> AuditRecord? {
        guard row.count == names.count, let sequenceText = row[0], let sequence = Int(sequenceText), let time = row[1].flatMap(ISO8601Timestamp.parse),
              let actor = row[2], let action = row[3], let resourceType = row[4], let resourceID = row[5], let previous = row[13], let hash = row[14]
        else { return nil }
        let event = AuditEvent(actor: actor, projectID: row[7], action: action, resourceType: resourceType, resourceID: resourceID,
                               before: row[11].flatMap(JSONValue.init(parsing:)), after: row[12].flatMap(JSONValue.init(parsing:)),
                               requestID: row[8], timestamp: time, organizationID: row[6], clientAddress: row[9], userAgent: row[10])
        return AuditRecord(sequence: sequence, event: event, previousHash: previous, hash: hash)
    }

    /// A row whose fields cannot be read, kept with an empty event.
    static func unreadable(_ row: [String?]) -> AuditRecord {
        AuditRecord(sequence: row.first.flatMap { $0.flatMap(Int.init) } ?? -1,
                    event: AuditEvent(actor: "", projectID: nil, action: "", resourceType: "", resourceID: "", timestamp: Date(timeIntervalSince1970: 0)),
                    previousHash: row.count > 13 ? row[13] ?? "" : "", hash: "")
    }

    /// The WHERE clause (with `?` placeholders) and values of a query.
    static func filter(_ query: AuditLogQuery) -> (sql: String, values: [String?]) {
        var clauses = ["sequence > ?"], values: [String?] = [String(query.afterSequence)]
        if let organization = query.organizationID {
            let projects = query.projectIDs ?? []
            let placeholders = projects.map { _ in "?" }.joined(separator: ", ")
            clauses.append(projects.isEmpty ? "organization_id = ?" : "(organization_id = ? OR project_id IN (\(placeholders)))")
            values += [organization] + projects
        }
        for (column, value) in [("actor", query.actor), ("action", query.action), ("resource_type", query.resourceType), ("resource_id", query.resourceID)] {
            if let value { clauses.append("\(column) = ?"); values.append(value) }
        }
        if let from = query.from { clauses.append("occurred_at >= ?"); values.append(ISO8601Timestamp.format(from)) }
        if let to = query.to { clauses.append("occurred_at < ?"); values.append(ISO8601Timestamp.format(to)) }
        return (clauses.joined(separator: " AND "), values)
    }
}
