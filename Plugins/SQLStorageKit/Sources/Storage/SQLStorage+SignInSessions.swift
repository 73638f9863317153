import Foundation
import LanternPluginSDK

/// Sign-in sessions (``IdentityStore``), stored so that every server sharing the database accepts them.
extension SQLStorage {
    /// Stores a new session; an id already stored throws ``StorageError/conflict(_:)``.
    public func insertSession(_ session: SignInSession) async throws {
        try await write { _ = try $0.connection.run(SignInSessionTable.insert, try SignInSessionTable.values(session, json: $0.json)) }
    }

    /// The session with this id (token hash), or nil.
    public func session(id: String) async throws -> SignInSession? {
        try await rows(SignInSessionTable.self, where: "id = ?", [.text(id)]).first
    }

    /// Records that the session was used at `date`.
    public func touchSession(id: String, at date: Date) async throws {
        _ = try await change("UPDATE sign_in_sessions SET last_seen_at = ? WHERE id = ?", [.date(date), .text(id)])
    }

    /// Deletes one session; false when there was none.
    public func deleteSession(id: String) async throws -> Bool {
        try await change(SignInSessionTable.deleteByKey, [.text(id)]) > 0
    }

    /// Deletes every session of the user; returns how many there were.
    public func deleteSessions(userID: String) async throws -> Int {
        try await change("DELETE FROM sign_in_sessions WHERE user_id = ?", [.text(userID)])
    }
}
