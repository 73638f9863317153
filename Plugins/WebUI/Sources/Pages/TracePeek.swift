import Foundation
import LanternPluginSDK

/// The peek of the traces table (`peek={traceId}`, as Langfuse links it): the trace's figures, input, output and
/// observation tree beside the table, each tree row opening the full trace page at that observation.
enum TracePeek {
    static func context(_ page: PageRequest, projectID: String, traceID: String) async throws -> [String: Any] {
        async let answer = page.api.get("/api/public/traces/\(PageRenderer.escapePath(traceID))", project: projectID,
                                        query: [("fields", "core,io,metrics")])
        async let observations = TraceObservations.load(page, projectID: projectID, traceID: traceID)
        guard let trace = try await answer.objectValue else { throw PageError.notFound("Trace not found: \(traceID)") }
        let href = "/project/\(PageRenderer.escapePath(projectID))/traces/\(PageRenderer.escapePath(traceID))"
        let tree = ObservationTree(try await observations)
        var close = URLComponents()
        close.queryItems = page.request.query.sorted { $0.key < $1.key }.filter { $0.key != "peek" }
            .flatMap { name, values in values.map { URLQueryItem(name: name, value: $0) } }
        return [
            "name": trace["name"]?.stringValue ?? traceID, "id": traceID, "href": href,
            "close": page.request.path + "?" + (close.percentEncodedQuery ?? ""),
            "timestamp": Formatting.timestamp(trace["timestamp"]?.stringValue),
            "latency": Formatting.present(Formatting.latency(trace["latency"]?.numberValue)),
            "cost": Formatting.present(Formatting.cost(trace["totalCost"]?.numberValue)),
            "input": Payload.render(trace["input"]), "output": Payload.render(trace["output"]),
            "nodes": tree.rowsHTML(selectedID: nil) { id in href + "?observation=" + TracesPage.encode(id) },
        ]
    }
}
