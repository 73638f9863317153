import Foundation
import LanternPluginSDK

/// Concurrent writers to one trace converge to the row sequential writes would give.
enum ConcurrencyCases {
    static let writers = 16

    static let all: [ConformanceCase] = [
        ConformanceCase("concurrency: \(writers) concurrent writers to one trace converge", needs: .concurrentWriters) { c in
            let traceID = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(traceID, timestamp: c.at(0), name: "start", tags: ["base"]), at: c.at(0))])
            let storage = c.storage, projectID = c.projectID, base = c.base
            let outcomes = try await withThrowingTaskGroup(of: [EventOutcome].self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        var update = Events.traceUpdate(traceID, tags: ["w\(writer)"])
                        update.metadata = ["writers": ["w\(writer)": .number(Double(writer))]]
                        let observation = Events.observationUpdate("\(traceID)-\(writer)", traceID: traceID,
                                                                   start: base.addingTimeInterval(Double(writer)))
                        return try await storage.write([Events.trace(update, at: base, update: true),
                                                        Events.observation(observation, at: base)], projectID: projectID)
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            c.expectEqual(outcomes.filter(\.isSuccess).count, writers * 2, "every concurrent event stored")
            let summary = try c.require(try await c.storage.trace(projectID: c.projectID, id: traceID), "trace")
            let expectedTags = (["base"] + (0..<writers).map { "w\($0)" }).sorted()
            c.expectEqual(summary.trace.tags, expectedTags, "tags: the union of every writer's")
            let writersMetadata = summary.trace.metadata["writers"]?.objectValue ?? [:]
            c.expectEqual(writersMetadata.count, writers, "metadata.writers: one key per writer (deep merge, nothing lost)")
            c.expectEqual(summary.trace.name, "start", "name kept")
            c.expectEqual(summary.trace.timestamp, c.at(0), "timestamp kept")
            c.expectEqual(summary.observationIDs.count, writers, "one observation per writer")
        },
    ]
}
