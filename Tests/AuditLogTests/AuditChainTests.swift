import Foundation
import Testing
@testable import AuditLog
import LanternPluginSDK

/// The hash chain over a real SQLite file: records link up, secrets never reach the file, and editing, deleting
/// or swapping records by hand is found and named by position.
@Suite("Audit chain")
struct AuditChainTests {
    func event(_ index: Int, after: JSONValue? = nil) -> AuditEvent {
        AuditEvent(actor: "apiKey:pk-lf-\(index)", projectID: "p1", action: "prompt.created", resourceType: "prompt", resourceID: "r\(index)",
                   after: after, requestID: "req-\(index)", timestamp: Date(timeIntervalSince1970: 1_767_225_600 + Double(index)),
                   clientAddress: "10.0.0.\(index)", userAgent: "test/1")
    }

    func filledStore(_ count: Int) throws -> (SQLiteAuditStore, String) {
        let path = NSTemporaryDirectory() + "audit-\(UUID().uuidString).sqlite"
        let store = SQLiteAuditStore(path: path)
        try store.prepare()
        for index in 1...count { _ = try store.append(event(index)) }
        return (store, path)
    }

    func verify(_ store: SQLiteAuditStore) throws -> (problem: String, position: Int)? {
        AuditChain.firstProblem(in: try store.records(after: 0, limit: 1000), after: (0, AuditChain.genesis))
    }

    @Test func recordsLinkUpAndReadBackWithEveryField() throws {
        let (store, _) = try filledStore(5)
        let records = try store.records(after: 0, limit: 100)
        #expect(records.map(\.sequence) == [1, 2, 3, 4, 5])
        #expect(records[0].previousHash == AuditChain.genesis && records[1].previousHash == records[0].hash)
        #expect(records[2].event == event(3), "every field read back")
        #expect(try verify(store) == nil)
        let filtered = try store.records(AuditLogQuery(actor: "apiKey:pk-lf-2"))
        #expect(filtered.map(\.sequence) == [2])
    }

    @Test func editedDeletedAndSwappedRecordsAreNamed() throws {
        for (change, words, position) in [
            ("UPDATE lantern_audit_log SET actor = 'apiKey:intruder' WHERE sequence = 3", "record 3 was altered", 3),
            ("DELETE FROM lantern_audit_log WHERE sequence = 4", "record 4 is missing", 4),
            ("UPDATE lantern_audit_log SET sequence = -sequence WHERE sequence IN (2, 3); "
             + "UPDATE lantern_audit_log SET sequence = CASE sequence WHEN -2 THEN 3 ELSE 2 END WHERE sequence IN (-2, -3)",
             "record 2 does not follow record 1", 2),
        ] {
            let (store, path) = try filledStore(6)
            try sqlite(path, change)
            let found = try #require(try verify(store), "\(change) went unnoticed")
            #expect(found.problem.contains(words) && found.position == position, "\(change): \(found)")
        }
    }

    @Test func secretsAreRedactedAtAnyDepth() {
        let clean = Redaction.redact(event(1, after: ["publicKey": "pk-lf-1", "secretKey": "sk-lf-xyz", "displaySecretKey": "...wxyz",
                                                      "nested": [["password": "hunter2", "note": "fine"]]]))
        #expect(clean.after == ["publicKey": "pk-lf-1", "secretKey": "[REDACTED]", "displaySecretKey": "...wxyz",
                                "nested": [["password": "[REDACTED]", "note": "fine"]]])
    }

    /// Runs SQL on the file with the sqlite3 command-line shell, as someone tampering by hand would.
    private func sqlite(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
    }
}
