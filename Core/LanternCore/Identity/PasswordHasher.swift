import Dispatch
import HummingbirdBcrypt

/// bcrypt at cost 12 for user passwords. Hashing takes a good part of a second on purpose, so it runs off the
/// cooperative pool (a sign-in storm must not stall request handling).
enum PasswordHasher {
    /// The bcrypt cost; 12 or more, as the identity issue asks.
    static let cost: UInt8 = 12

    /// A hash for a password nobody has: unknown emails are checked against it, so that answer takes as long as a
    /// wrong password.
    private static let decoy = Bcrypt.hash("lantern-decoy-password-never-used", cost: cost)

    /// The bcrypt hash of `password`.
    static func hash(_ password: String) async -> String {
        await offload { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash, spends the same time and answers false.
    static func verify(_ password: String, against hash: String?) async -> Bool {
        await offload {
            guard let hash else {
                _ = Bcrypt.verify(password, hash: decoy)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    private static func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}
