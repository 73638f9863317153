#if canImport(Glibc)
import Foundation
import Glibc
#endif

/// Hands the memory glibc's allocator holds free back to the kernel, at a fixed interval while the server runs.
///
/// glibc keeps freed chunks inside its arenas, so without this the server's resident memory follows the most it ever
/// had in flight (request bodies and decoded batches of 32 clients at once). `malloc_trim(0)` releases the free pages
/// inside every arena, not only at their tops. It lowers RSS under load by 10–20 MiB (bench/RESULTS.md, History);
/// free pieces smaller than a page stay, so over minutes RSS still rises in steps while the memory in use stays level.
enum MallocTrim {
    /// Time between two trims, in seconds.
    static let intervalSeconds: UInt32 = 1

    /// Starts trimming every ``intervalSeconds`` on a thread of its own for the rest of the process: a trim takes
    /// each arena's lock in turn, and must not hold one of the few threads that run the request tasks meanwhile.
    /// Does nothing where `malloc_trim` is missing.
    static func start() {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias MallocTrimFunction = @convention(c) (Int) -> Int32
        let trim = unsafeBitCast(symbol, to: MallocTrimFunction.self)
        let thread = Thread {
            while true {
                sleep(intervalSeconds)
                _ = trim(0)
            }
        }
        thread.name = "lantern.malloc-trim"
        thread.start()
        #endif
    }
}
