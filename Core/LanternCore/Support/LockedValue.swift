import Synchronization

/// A value guarded by a mutex, shareable across tasks.
final class LockedValue<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) { mutex = Mutex(value) }

    /// Runs `body` with exclusive access to the value.
    func withLock<Result: Sendable>(_ body: (inout sending Value) -> sending Result) -> sending Result {
        mutex.withLock { body(&$0) }
    }

    /// A copy of the current value.
    var value: Value { mutex.withLock { $0 } }
}
