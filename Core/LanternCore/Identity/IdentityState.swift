import Foundation

/// Identity state that lives as long as the server: the failed sign-in counts and when each key and session
/// last had its last-used time written, so a busy key costs one write a minute, not one per request.
final class IdentityState: Sendable {
    /// How often a key's or a session's last-used time is written.
    static let touchInterval: TimeInterval = 60

    let throttle: SignInThrottle
    private let touched = LockedValue([String: Date]())

    init(_ auth: LanternConfig.Auth) {
        throttle = SignInThrottle(limits: .init(perAccount: auth.failedSignInsPerAccount, perAddress: auth.failedSignInsPerAddress,
                                                windowSeconds: auth.failedSignInWindowSeconds))
    }

    /// Whether `id`'s last-used time is due for a write (and, when it is, marks it written now).
    func claimTouch(_ id: String, lastWritten: Date?, now: Date = Date()) -> Bool {
        if let lastWritten, now.timeIntervalSince(lastWritten) < Self.touchInterval { return false }
        return touched.withLock { table in
            if let mine = table[id], now.timeIntervalSince(mine) < Self.touchInterval { return false }
            table[id] = now
            if table.count > 100_000 { table = table.filter { now.timeIntervalSince($0.value) < Self.touchInterval } }
            return true
        }
    }
}
