#if canImport(Glibc)
import Foundation
import Glibc
#endif
import ServiceLifecycle
import Synchronization

/// Hands the memory glibc's allocator holds free back to the kernel, at a fixed interval while the server runs.
///
/// glibc keeps freed chunks inside its arenas, so without this the server's resident memory follows the most it ever
/// had in flight (request bodies and decoded batches of 32 clients at once). `malloc_trim(0)` releases the free pages
/// inside every arena, not only at their tops; free pieces smaller than a page stay, so over minutes RSS still rises
/// in steps while the memory in use stays level (bench/RESULTS.md has the measurements).
struct MallocTrimService: Service {
    /// Time between two trims, in seconds.
    static let intervalSeconds: UInt32 = 1

    /// Trims every ``intervalSeconds`` on a thread of its own until graceful shutdown: a trim takes each arena's lock
    /// in turn, and must not hold one of the few threads that run the request tasks meanwhile. Where `malloc_trim`
    /// is missing it only waits for shutdown.
    func run() async throws {
        let stopped = Atomic<Bool>(false)
        #if canImport(Glibc)
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            typealias MallocTrimFunction = @convention(c) (Int) -> Int32
            let trim = unsafeBitCast(symbol, to: MallocTrimFunction.self)
            let thread = Thread {
                while !stopped.load(ordering: .relaxed) {
                    sleep(Self.intervalSeconds)
                    _ = trim(0)
                }
            }
            thread.name = "lantern.malloc-trim"
            thread.start()
        }
        #endif
        try? await gracefulShutdown()
        stopped.store(true, ordering: .relaxed)
    }
}
