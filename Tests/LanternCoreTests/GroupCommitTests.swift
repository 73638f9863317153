import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Group commit and back-pressure of the ingestion pipeline, over the real SQLite plugin.
/// The time limit backs up the waits' own deadlines: a request held by a gate that never opens cannot hang the run.
@Suite("Ingestion: group commit and back-pressure", .timeLimit(.minutes(1)))
struct GroupCommitTests {
    /// A started SQLite storage in a fresh workspace.
    private func sqlite(_ workspace: TestWorkspace) async throws -> any StorageBackend {
        try await StorageUnderTest.start("libSQLiteStorage.so", type: "sqlite", settings: ["path": "group.sqlite"],
                                         configDirectory: workspace.directory)
    }

    /// Runs `body` with a pipeline whose writers run meanwhile (in the server, the runtime service runs them),
    /// then closes it and waits for the writers to stop.
    private func withPipeline(_ storage: any StorageBackend, capacity: Int = 50_000,
                              _ body: @Sendable (IngestionPipeline) async throws -> Void) async throws {
        let pipeline = IngestionPipeline(storage: storage, processors: [], models: ModelCatalog(builtIns: [], tokenizers: nil),
                                         queueCapacityEvents: capacity) { _ in }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await pipeline.runWriters() }
            do { try await body(pipeline) } catch {
                pipeline.close()
                throw error
            }
            pipeline.close()
            try await group.waitForAll()
        }
    }

    private func tagEvent(_ traceID: String, _ tag: String) -> IngestionEvent {
        var update = TraceUpdate(id: traceID)
        update.tags = [tag]
        update.metadata = ["writers": [tag: true]]
        return IngestionEvent(id: UUID().uuidString, timestamp: Date(), payload: .trace(update))
    }

    @Test func requestsArrivingDuringACommitShareTheNextOne() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let slow = GatedStorage(base: try await sqlite(workspace))
        try await withPipeline(slow) { pipeline in
            let traceID = "grouped"
            async let first = pipeline.accept([tagEvent(traceID, "first")], projectID: "p")
            try #require(try await slow.waitForWrites(1), "the first commit started")
            let others = Task {
                try await withThrowingTaskGroup(of: [EventOutcome].self) { group in
                    for n in 0..<31 { group.addTask { try await pipeline.accept([self.tagEvent(traceID, "w\(n)")], projectID: "p") } }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
            try #require(try await waitUntil { pipeline.stats.queuedRequests >= 31 }, "31 requests queue behind the open commit")
            slow.open()
            let outcomes = try await first + others.value
            #expect(outcomes.count == 32 && outcomes.allSatisfy(\.isSuccess), "every request's event stored")
            #expect(pipeline.stats.commits == 2, "31 requests queued during the first commit share the second: \(pipeline.stats.commits) commits")
            #expect(pipeline.stats.eventsCommitted == 32, "eventsCommitted")
            let trace = try #require(try await slow.trace(projectID: "p", id: traceID)).trace
            #expect(trace.tags.count == 32, "tags of all 32 writers merged: \(trace.tags.count)")
            #expect(trace.metadata["writers"]?.objectValue?.count == 32, "metadata of all 32 writers merged")
        }
    }

    @Test func aStorageAllowingTwoWritesGetsASecondCommitWhileTheFirstRuns() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let slow = GatedStorage(base: try await sqlite(workspace), concurrentWrites: 2)
        try await withPipeline(slow) { pipeline in
            async let first = pipeline.accept([tagEvent("pair", "first")], projectID: "p")
            try #require(try await slow.waitForWrites(1), "the first commit started")
            async let second = pipeline.accept([tagEvent("pair", "second")], projectID: "p")
            #expect(try await slow.waitForWrites(2), "the second request's commit started while the first was still open")
            async let third = pipeline.accept([tagEvent("pair", "third")], projectID: "p")
            try #require(try await waitUntil { pipeline.stats.queuedRequests >= 1 }, "the third request queues")
            #expect(slow.startedWrites == 2, "no third writer: the third request waits for one of the two")
            slow.open()
            let outcomes = try await first + second + third
            #expect(outcomes.count == 3 && outcomes.allSatisfy(\.isSuccess), "every request's event stored")
            #expect(pipeline.stats.commits == 3, "commits: \(pipeline.stats.commits)")
            let trace = try #require(try await slow.trace(projectID: "p", id: "pair")).trace
            #expect(trace.tags == ["first", "second", "third"], "tags of the three commits merged: \(trace.tags)")
            for tag in trace.tags {
                var byTag = TraceQuery()
                byTag.tags = [tag]
                let found = try await slow.traces(projectID: "p", query: byTag).items.map(\.trace.id)
                #expect(found == ["pair"], "the tag filter finds the trace by the tag '\(tag)' added in its own commit")
            }
        }
    }

    @Test func concurrentWritersConvergeToTheSequentialRow() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let storage = try await sqlite(workspace)
        try await withPipeline(storage) { pipeline in
            let tags = (0..<64).map { "t\($0)" }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for tag in tags { group.addTask { _ = try await pipeline.accept([self.tagEvent("concurrent", tag)], projectID: "p") } }
                try await group.waitForAll()
            }
            for tag in tags { _ = try await pipeline.accept([tagEvent("sequential", tag)], projectID: "p") }
            let concurrent = try #require(try await storage.trace(projectID: "p", id: "concurrent")).trace
            let sequential = try #require(try await storage.trace(projectID: "p", id: "sequential")).trace
            #expect(concurrent.tags == sequential.tags, "tags")
            #expect(concurrent.metadata == sequential.metadata, "metadata")
            #expect(concurrent.tags == tags.sorted(), "every tag")
        }
    }

    @Test func aFullQueueAnswersAtCapacityAndHoldsNoMore() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let slow = GatedStorage(base: try await sqlite(workspace))
        try await withPipeline(slow, capacity: 100) { pipeline in
            let big = (0..<80).map { tagEvent("big-\($0)", "x") }
            async let first = pipeline.accept(big, projectID: "p")
            try #require(try await slow.waitForWrites(1), "the first commit started")
            await #expect(throws: IngestionError.atCapacity(retryAfterSeconds: 1), "30 more events exceed the 100-event queue") {
                try await pipeline.accept((0..<30).map { self.tagEvent("late-\($0)", "x") }, projectID: "p")
            }
            let fits = Task { try await pipeline.accept((0..<20).map { self.tagEvent("fits-\($0)", "x") }, projectID: "p") }
            try #require(try await waitUntil { pipeline.stats.queuedRequests >= 1 }, "the request that fits queues")
            #expect(pipeline.stats.queuedEvents == 100, "held events never exceed the capacity: \(pipeline.stats.queuedEvents)")
            #expect(pipeline.stats.rejectedAtCapacity == 1, "rejectedAtCapacity")
            slow.open()
            #expect(try await first.count == 80, "the first request completes")
            #expect(try await fits.value.count == 20, "a request that fit completes")
            #expect(try await slow.trace(projectID: "p", id: "late-0") == nil, "nothing of the refused request was stored")
            #expect(pipeline.stats.queuedEvents == 0, "the queue drains")
        }
    }

    @Test func closingRefusesNewRequestsAndStillCommitsTheQueuedOnes() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let slow = GatedStorage(base: try await sqlite(workspace))
        try await withPipeline(slow) { pipeline in
            async let first = pipeline.accept([tagEvent("in-flight", "x")], projectID: "p")
            try #require(try await slow.waitForWrites(1), "the first commit started")
            async let second = pipeline.accept([tagEvent("queued", "x")], projectID: "p")
            try #require(try await waitUntil { pipeline.stats.queuedRequests >= 1 }, "the second request queues")
            pipeline.close()
            await #expect(throws: IngestionError.unavailable("the server is shutting down"), "intake stopped") {
                try await pipeline.accept([self.tagEvent("late", "x")], projectID: "p")
            }
            slow.open()
            let committed = try await first + second
            #expect(committed.count == 2 && committed.allSatisfy(\.isSuccess), "in-flight and queued requests commit")
            #expect(try await slow.trace(projectID: "p", id: "queued") != nil, "the queued request is stored")
            #expect(try await slow.trace(projectID: "p", id: "late") == nil, "the refused request is not")
        }
    }

    @Test func aFailedCommitAcknowledgesNothing() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let failing = FailingStorage(base: try await sqlite(workspace))
        try await withPipeline(failing) { pipeline in
            await #expect(throws: IngestionError.self, "a storage outage fails the request") {
                try await pipeline.accept([tagEvent("lost", "x")], projectID: "p")
            }
            #expect(pipeline.stats.failedCommits == 1, "failedCommits")
            #expect(pipeline.stats.eventsCommitted == 0, "eventsCommitted")
            #expect(pipeline.stats.queuedEvents == 0, "nothing held after the failure")
        }
    }
}

/// A storage whose writes wait until `open()` is called, counting the writes that started; it allows
/// `concurrentWrites` writes at once.
private final class GatedStorage: DelegatingStorage, @unchecked Sendable {
    private let gate = LockedValue<(isOpen: Bool, started: Int)>((false, 0))
    private let allowedWrites: Int

    init(base: any StorageBackend, concurrentWrites: Int = 1) {
        allowedWrites = concurrentWrites
        super.init(base: base)
    }

    override var concurrentWrites: Int { allowedWrites }

    /// Writes that have started.
    var startedWrites: Int { gate.value.started }

    func open() { gate.withLock { $0.isOpen = true } }

    /// Whether `count` writes started before the wait's deadline.
    func waitForWrites(_ count: Int) async throws -> Bool {
        try await waitUntil { gate.value.started >= count }
    }

    override func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        gate.withLock { $0.started += 1 }
        guard try await waitUntil({ gate.value.isOpen }) else { throw StorageError.unavailable("the test never opened the gate") }
        return try await base.write(events, projectID: projectID)
    }
}

/// A storage whose writes always fail as if the database were down.
private final class FailingStorage: DelegatingStorage, @unchecked Sendable {
    override func write(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome] {
        throw StorageError.unavailable("database is down (test)")
    }
}
