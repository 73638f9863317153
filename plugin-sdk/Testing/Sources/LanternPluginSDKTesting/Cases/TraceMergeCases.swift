import Foundation
import LanternPluginSDK

/// IngestionStore + TraceReader: trace create and the merge rules (SDK `MergeRules`).
enum TraceMergeCases {
    static let all: [ConformanceCase] = [
        ConformanceCase("traces: a create stores every field") { c in
            let id = CaseContext.freshID()
            var update = TraceUpdate(id: id)
            update.timestamp = c.at(1)
            update.name = "checkout"
            update.userID = "user-1"
            update.sessionID = "session-\(id)"
            update.release = "r-1"
            update.version = "v-1"
            update.input = ["question": "why?", "n": 3, "ok": true, "list": [1, "two", nil]]
            update.output = "because"
            update.metadata = ["source": "test", "nested": ["a": 1]]
            update.tags = ["b", "a"]
            update.isPublic = true
            update.environment = "production"
            update.externalID = "ext-1"
            try await c.write([Events.trace(update, at: c.at(2))])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.id, id, "id")
            c.expectEqual(trace.projectID, c.projectID, "projectID")
            c.expectEqual(trace.timestamp, c.at(1), "timestamp (from the body, not the event)")
            c.expectEqual(trace.name, "checkout", "name")
            c.expectEqual(trace.userID, "user-1", "userID")
            c.expectEqual(trace.sessionID, "session-\(id)", "sessionID")
            c.expectEqual(trace.release, "r-1", "release")
            c.expectEqual(trace.version, "v-1", "version")
            c.expectEqual(trace.input, update.input, "input")
            c.expectEqual(trace.output, "because", "output")
            c.expectEqual(trace.metadata, ["source": "test", "nested": ["a": 1]], "metadata")
            c.expectEqual(trace.tags, ["a", "b"], "tags (sorted)")
            c.expectEqual(trace.isPublic, true, "isPublic")
            c.expectEqual(trace.environment, "production", "environment")
            c.expectEqual(trace.externalID, "ext-1", "externalID")
        },
        ConformanceCase("traces: timestamp defaults to the event's, environment to 'default'") { c in
            let id = CaseContext.freshID()
            try await c.write([Events.trace(TraceUpdate(id: id), at: c.at(5))])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.timestamp, c.at(5), "timestamp")
            c.expectEqual(trace.environment, "default", "environment")
            c.expectEqual(trace.tags, [], "tags")
            c.expectEqual(trace.metadata, [:], "metadata")
            c.expectEqual(trace.isPublic, false, "isPublic")
        },
        ConformanceCase("traces: later present fields win, absent fields keep their value") { c in
            let id = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(id, name: "first", userID: "u-1"), at: c.at(0))])
            var second = TraceUpdate(id: id)
            second.name = "second"
            second.release = "r-2"
            try await c.write([Events.trace(second, at: c.at(1), update: true)])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.name, "second", "name (later value wins)")
            c.expectEqual(trace.userID, "u-1", "userID (absent in the update: kept)")
            c.expectEqual(trace.release, "r-2", "release (added by the update)")
        },
        ConformanceCase("traces: metadata deep-merged, tags unioned, de-duplicated and sorted") { c in
            let id = CaseContext.freshID()
            var first = Events.traceUpdate(id, tags: ["beta", "alpha"])
            first.metadata = ["a": ["x": 1, "keep": "yes"], "k": 1, "only-first": true]
            var second = Events.traceUpdate(id, tags: ["gamma", "alpha"])
            second.metadata = ["a": ["y": 2, "x": 10], "k": 2]
            try await c.write([Events.trace(first, at: c.at(0))])
            try await c.write([Events.trace(second, at: c.at(1), update: true)])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.metadata, ["a": ["x": 10, "keep": "yes", "y": 2], "k": 2, "only-first": true], "metadata (deep merge)")
            c.expectEqual(trace.tags, ["alpha", "beta", "gamma"], "tags (union, sorted)")
        },
        ConformanceCase("traces: identity fields keep their first value") { c in
            let id = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(id, timestamp: c.at(10), environment: "production"), at: c.at(10))])
            let before = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            try await c.write([Events.trace(Events.traceUpdate(id, timestamp: c.at(99), name: "renamed", environment: "staging"), at: c.at(99))])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.timestamp, c.at(10), "timestamp")
            c.expectEqual(trace.environment, "production", "environment")
            c.expectEqual(trace.createdAt, before.createdAt, "createdAt")
            c.expectEqual(trace.name, "renamed", "name (not an identity field)")
        },
        ConformanceCase("traces: input/output replaced only by a value that is not null or empty") { c in
            let id = CaseContext.freshID()
            var first = TraceUpdate(id: id)
            first.input = "original input"
            first.output = ["answer": 42]
            try await c.write([Events.trace(first, at: c.at(0))])
            var blank = TraceUpdate(id: id)
            blank.input = .null
            blank.output = ""
            try await c.write([Events.trace(blank, at: c.at(1), update: true)])
            var trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.input, "original input", "input after a null update")
            c.expectEqual(trace.output, ["answer": 42], "output after an empty-string update")
            var replacing = TraceUpdate(id: id)
            replacing.input = ["messages": [["role": "user"]]]
            try await c.write([Events.trace(replacing, at: c.at(2), update: true)])
            trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.input, ["messages": [["role": "user"]]], "input after a real update")
        },
        ConformanceCase("traces: an explicitly cleared field becomes nil") { c in
            let id = CaseContext.freshID()
            try await c.write([Events.trace(Events.traceUpdate(id, name: "n", userID: "u-1", sessionID: "s-\(id)"), at: c.at(0))])
            var clearing = TraceUpdate(id: id)
            clearing.clearedFields = ["userId"]
            try await c.write([Events.trace(clearing, at: c.at(1), update: true)])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expect(trace.userID == nil, "userID cleared, got \(trace.userID ?? "nil")")
            c.expectEqual(trace.sessionID, "s-\(id)", "sessionID (not cleared)")
            c.expectEqual(trace.name, "n", "name (not cleared)")
        },
        ConformanceCase("traces: events for one trace in one batch fold in order") { c in
            let id = CaseContext.freshID()
            var a = Events.traceUpdate(id, name: "a", tags: ["one"])
            a.metadata = ["step": 1]
            var b = Events.traceUpdate(id, name: "b", tags: ["two"])
            b.metadata = ["step": 2, "b": true]
            var last = TraceUpdate(id: id)
            last.isPublic = true
            try await c.write([Events.trace(a, at: c.at(0)), Events.trace(b, at: c.at(1), update: true), Events.trace(last, at: c.at(2), update: true)])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "stored trace").trace
            c.expectEqual(trace.name, "b", "name")
            c.expectEqual(trace.tags, ["one", "two"], "tags")
            c.expectEqual(trace.metadata, ["step": 2, "b": true], "metadata")
            c.expectEqual(trace.isPublic, true, "isPublic")
            c.expectEqual(trace.timestamp, c.at(0), "timestamp of the first event")
        },
        ConformanceCase("traces: an unknown id reads as nil") { c in
            c.expect(try await c.storage.trace(projectID: c.projectID, id: "missing") == nil, "trace(id:) of an unknown id")
            c.expectEqual(try await c.storage.observations(projectID: c.projectID, traceIDs: ["missing"]).count, 0, "observations of an unknown trace")
            c.expectEqual(try await c.storage.scores(projectID: c.projectID, traceIDs: ["missing"]).count, 0, "scores of an unknown trace")
        },
    ]
}
