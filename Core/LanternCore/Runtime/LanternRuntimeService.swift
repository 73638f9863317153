import Foundation
import Logging
import ServiceLifecycle

/// The runtime's long-lived work as one `Service` of the server's `ServiceGroup`: the storage writers, the
/// deliveries to evaluators, exporters and audit sinks, and the model refresh. Put it first in the group, so that
/// graceful shutdown (SIGTERM, SIGINT) reaches it after the HTTP server stopped taking requests; it then drains in
/// order: stop intake → flush the storage writers → drain deliveries (bounded by ``LanternRuntime/drainDeadline``)
/// → stop the components, storage last.
public struct LanternRuntimeService: Service {
    let runtime: LanternRuntime

    /// The service of a started runtime (``LanternRuntime/start()`` has returned).
    public init(runtime: LanternRuntime) { self.runtime = runtime }

    /// The work of the group below, and the drain deadline, told apart when they finish.
    private enum Work: Sendable {
        case deliveries, refresh, deadline
    }

    public func run() async throws {
        let runtime = runtime
        let clock = ContinuousClock()
        var drained = false
        var stopping = clock.now
        await withTaskGroup(of: Work.self) { group in
            group.addTask {
                await runtime.runDeliveries()
                return .deliveries
            }
            group.addTask {
                _ = await cancelOnGracefulShutdown { await runtime.refreshModels() }
                return .refresh
            }
            await withTaskGroup(of: Void.self) { writers in
                writers.addTask { await runtime.pipeline.runWriters() }
                // Cancellation (the group failing) leads to the same orderly drain as a graceful shutdown.
                try? await gracefulShutdown()
                stopping = clock.now
                runtime.pipeline.close()
            }
            runtime.finishDeliveries()
            group.addTask {
                try? await Task.sleep(for: runtime.drainDeadline)
                return .deadline
            }
            while let finished = await group.next() {
                if finished == .deliveries { drained = true }
                if finished != .refresh { break }
            }
            group.cancelAll()
        }
        if !drained {
            runtime.logger.warning("deliveries to plugins did not drain in time; the rest is dropped",
                                   metadata: ["deadline": "\(runtime.drainDeadline)"])
        }
        await runtime.shutdown()
        runtime.logger.info("runtime stopped", metadata: ["drain": "\(clock.now - stopping)"])
    }
}

extension LanternRuntime {
    /// Starts the runtime, runs ``LanternRuntimeService`` while `body` runs, then shuts down gracefully: for commands
    /// and tests that need the full runtime without serving HTTP.
    public func whileRunning<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await start()
        let group = ServiceGroup(configuration: .init(services: [.init(service: LanternRuntimeService(runtime: self))], logger: logger))
        return try await withThrowingTaskGroup(of: T?.self) { tasks in
            tasks.addTask {
                try await group.run()
                return nil
            }
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return try result.get()
        }
    }
}
