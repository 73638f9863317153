#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator tuning for the server process.
enum MallocArenas {
    /// Arenas glibc may create (its default is 8 per core). Each arena keeps the memory freed into it, so under load
    /// the request tasks, spread over many threads, left the server at ~235 MiB; with 4 arenas it stayed near 185 MiB
    /// at the same throughput (bench/RESULTS.md, OTLP at 32 clients on SQLite).
    static let limit: Int32 = 4

    /// `M_ARENA_MAX` of glibc's `<malloc.h>` (not exported to Swift's Glibc module).
    private static let arenaMaxOption: Int32 = -8

    /// Caps the arena count unless `MALLOC_ARENA_MAX` is set in the environment (then glibc already applied it).
    /// Call before the server starts serving, while few arenas exist. Does nothing where `mallopt` is missing.
    static func cap() {
        #if canImport(Glibc)
        guard getenv("MALLOC_ARENA_MAX") == nil, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: MallOpt.self)(arenaMaxOption, limit)
        #endif
    }
}
