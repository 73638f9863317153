import Foundation
import LanternPluginSDK

/// The trace page's observations: every observation of the trace without its bodies (the v2 observations list,
/// a page of 1,000 at a time by cursor), and the selected one with its input, output and metadata.
enum TraceObservations {
    /// The field groups the tree, timeline and flame view need: no input, output or metadata.
    static let treeFields = "core,basic,usage,model,prompt"
    /// The most observations a trace page reads (ten pages).
    static let limit = 10_000

    static func load(_ page: PageRequest, projectID: String, traceID: String) async throws -> [[String: JSONValue]] {
        var observations: [[String: JSONValue]] = [], cursor: String?
        repeat {
            var query: [(name: String, value: String)] = [("traceId", traceID), ("fields", treeFields), ("limit", "1000")]
            if let cursor { query.append(("cursor", cursor)) }
            let answer = try await page.api.get("/api/public/v2/observations", project: projectID, query: query)
            observations += (answer.objectValue?["data"]?.arrayValue ?? []).compactMap(\.objectValue)
            cursor = answer.objectValue?["meta"]?.objectValue?["cursor"]?.stringValue
        } while cursor != nil && observations.count < limit
        return observations
    }

    /// The observation `id` of the trace with every field, or nil when none is selected or it is not in this trace.
    static func selected(_ page: PageRequest, projectID: String, traceID: String, id: String?, listed: [[String: JSONValue]]) async throws
        -> [String: JSONValue]? {
        guard let id, listed.contains(where: { $0["id"]?.stringValue == id }) else { return nil }
        let observation = try await page.api.get("/api/public/observations/\(PageRenderer.escapePath(id))", project: projectID).objectValue
        return observation?["traceId"]?.stringValue == traceID ? observation : nil
    }
}
