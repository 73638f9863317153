import Foundation
import Testing
import LanternPluginSDK

@Suite("Observation usage and cost sums")
struct ObservationSumTests {
    @Test func addsEveryKeyThatContainsThePartAnywhere() {
        let details: [String: Double] = ["input": 10, "input_cached_tokens": 4, "cache_read_input_tokens": 2, "output": 7,
                                         "output_reasoning_tokens": 3, "total": 26]
        #expect(Observation.sum(details, containing: "input") == 16)
        #expect(Observation.sum(details, containing: "output") == 10)
        #expect(Observation.sum(details, containing: "total") == 26)
    }

    @Test func nilWhenNoKeyMatchesAndPartialMatchesDoNotCount() {
        #expect(Observation.sum(["inpu": 1, "outpu": 2, "in put": 3], containing: "input") == nil)
        #expect(Observation.sum([:], containing: "input") == nil)
        // A repeated first byte must not hide a match that starts one byte later.
        #expect(Observation.sum(["iinput": 5], containing: "input") == 5)
    }

    @Test func comparesBytesNotCharacters() {
        // "é" as one scalar and as "e" + combining accent are different keys, as JavaScript's `includes` sees them.
        #expect(Observation.sum(["caf\u{e9}_input": 1], containing: "caf\u{e9}") == 1)
        #expect(Observation.sum(["cafe\u{301}_input": 1], containing: "caf\u{e9}") == nil)
    }
}
