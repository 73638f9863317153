import CSQLite
import Foundation

/// A deadline for the statements a connection runs: SQLite calls the progress handler every
/// ``instructionsPerCheck`` virtual-machine instructions, and the handler interrupts the running statement
/// (`SQLITE_INTERRUPT`) once the deadline has passed. Armed around each read, cleared after it.
final class StatementDeadline {
    /// How often SQLite asks: a few microseconds of work between two clock reads.
    static let instructionsPerCheck: Int32 = 10_000

    /// Nanoseconds on the monotonic clock past which statements are interrupted; 0 when disarmed.
    private(set) var deadline: UInt64 = 0

    /// Installs the handler on `handle`; the connection keeps this object alive as long as the handler.
    func install(on handle: OpaquePointer) {
        sqlite3_progress_handler(handle, Self.instructionsPerCheck, { context in
            guard let context else { return 0 }
            let deadline = Unmanaged<StatementDeadline>.fromOpaque(context).takeUnretainedValue().deadline
            return deadline != 0 && StatementDeadline.now() > deadline ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Runs `body` with statements interrupted `milliseconds` from now (none when 0).
    func armed<T>(milliseconds: Int, _ body: () throws -> T) rethrows -> T {
        guard milliseconds > 0 else { return try body() }
        deadline = Self.now() + UInt64(milliseconds) * 1_000_000
        defer { deadline = 0 }
        return try body()
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
