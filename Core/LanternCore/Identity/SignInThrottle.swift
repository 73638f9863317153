import Foundation

/// Counts failed sign-ins per account and per client address in a sliding window and refuses more attempts once
/// either count reaches its limit. Per server: behind a load balancer each server keeps its own counts, which
/// multiplies the allowance by the number of servers but never lets one of them be hammered.
final class SignInThrottle: Sendable {
    struct Limits: Sendable, Hashable {
        var perAccount = 5
        var perAddress = 20
        var windowSeconds = 900
    }

    private let limits: Limits
    private let failures = LockedValue([String: [Date]]())

    init(limits: Limits) { self.limits = limits }

    /// Throws 429 with `Retry-After` when the account or the address has too many recent failures.
    func check(email: String, address: String, now: Date = Date()) throws {
        let window = TimeInterval(limits.windowSeconds)
        let (accountFailures, addressFailures) = failures.withLock { table in
            (Self.recent(table["account:" + email], now: now, window: window), Self.recent(table["address:" + address], now: now, window: window))
        }
        for (list, limit, what) in [(accountFailures, limits.perAccount, "this account"), (addressFailures, limits.perAddress, "this address")]
        where list.count >= limit {
            let retry = max(1, Int((list[list.count - limit].addingTimeInterval(window)).timeIntervalSince(now).rounded(.up)))
            throw APIError.tooManyRequests("Too many failed sign-ins for \(what); try again in \(retry) seconds", retryAfter: retry)
        }
    }

    /// Records one failed attempt.
    func recordFailure(email: String, address: String, now: Date = Date()) {
        let window = TimeInterval(limits.windowSeconds)
        failures.withLock { table in
            for key in ["account:" + email, "address:" + address] {
                table[key] = Self.recent(table[key], now: now, window: window) + [now]
            }
            if table.count > 100_000 { table = table.filter { !Self.recent($0.value, now: now, window: window).isEmpty } }
        }
    }

    /// Forgets the account's failures after a successful sign-in.
    func recordSuccess(email: String) {
        failures.withLock { _ = $0.removeValue(forKey: "account:" + email) }
    }

    private static func recent(_ dates: [Date]?, now: Date, window: TimeInterval) -> [Date] {
        (dates ?? []).filter { now.timeIntervalSince($0) < window }
    }
}
