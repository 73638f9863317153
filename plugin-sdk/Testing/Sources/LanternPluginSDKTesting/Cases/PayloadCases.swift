import Foundation
import LanternPluginSDK

/// Unicode, large and deeply nested payloads survive a round trip unchanged.
enum PayloadCases {
    static let unicode = "naïve café – 日本語 – עברית – 👩‍👩‍👧 – e\u{301} – \"quotes\" \\ back\\slash – tab\tnew\nline – \u{7F}"

    static let all: [ConformanceCase] = [
        ConformanceCase("payloads: unicode in names, ids, tags, metadata keys and values") { c in
            let id = "trace-\(CaseContext.freshID())-ключ-🔑"
            var update = Events.traceUpdate(id, name: unicode, userID: "用户-1", tags: ["標籤", "🏷️", unicode])
            update.metadata = [unicode: .string(unicode), "emoji🔑": ["nested ✓": [.string(unicode)]]]
            update.input = .string(unicode)
            try await c.write([Events.trace(update, at: c.at(0))])
            let trace = try c.require(try await c.storage.trace(projectID: c.projectID, id: id), "trace with a unicode id").trace
            c.expectEqual(trace.name, unicode, "name")
            c.expectEqual(trace.userID, "用户-1", "userID")
            c.expectEqual(trace.tags, ["🏷️", unicode, "標籤"].sorted(), "tags")
            c.expectEqual(trace.metadata, update.metadata, "metadata")
            c.expectEqual(trace.input, .string(unicode), "input")
            var byUser = TraceQuery()
            byUser.userID = "用户-1"
            c.expectEqual(try await c.storage.traces(projectID: c.projectID, query: byUser).totalItems, 1, "filter by a unicode userId")
        },
        ConformanceCase("payloads: a 2 MB input, numbers of every shape and 64-level nesting") { c in
            let id = CaseContext.freshID()
            let large = String(repeating: "0123456789abcdef", count: 131_072)
            var nested: JSONValue = "leaf"
            for level in 0..<64 { nested = level % 2 == 0 ? ["level": nested] : [nested] }
            let numbers: JSONValue = [0, -1, 1.5, -2.25e-8, 1e300, 9_007_199_254_740_991, true, false, nil, ""]
            var observation = Events.observationUpdate(id, traceID: CaseContext.freshID(), start: c.at(0))
            observation.input = .string(large)
            observation.output = nested
            observation.metadata = ["numbers": numbers, "empty-object": [:], "empty-array": []]
            try await c.write([Events.observation(observation, at: c.at(0))])
            let stored = try c.require(try await c.storage.observation(projectID: c.projectID, id: id), "observation")
            c.expect(stored.input == .string(large), "2 MB input round trip (got \(stored.input?.stringValue?.count ?? -1) characters)")
            c.expect(stored.output == nested, "64-level nested output round trip")
            c.expectEqual(stored.metadata["numbers"], numbers, "numbers, booleans, null and empty string")
            c.expectEqual(stored.metadata["empty-object"], [:], "empty object")
            c.expectEqual(stored.metadata["empty-array"], [], "empty array")
        },
    ]
}
