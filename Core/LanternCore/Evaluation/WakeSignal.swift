/// Wakes a sleeping worker early: ``wait(upTo:)`` returns at the first ``signal()`` or when the time is up. A signal
/// sent while nobody waits is kept for the next wait. A spurious early wake is harmless to its callers, who poll.
actor WakeSignal {
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Wakes the current waiter, or the next one.
    func signal() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            pending = true
        }
    }

    /// Returns at the next signal or after `duration`.
    func wait(upTo duration: Duration) async {
        if pending {
            pending = false
            return
        }
        await withCheckedContinuation { continuation in
            waiter = continuation
            Task {
                try? await Task.sleep(for: duration)
                self.signal()
            }
        }
    }
}
