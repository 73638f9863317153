import Foundation
import LanternPluginSDK

/// `/project/{id}/traces/{traceId}`: the trace header (latency, cost, tokens, user, session), the observation tree or
/// a timeline (`view=timeline`), and the selected node's input and output (`observation={id}`; the trace itself
/// when none), with chat messages shown as a conversation.
enum TracePage {
    @Sendable static func render(_ page: PageRequest) async throws -> PluginResponse {
        let project = try page.project()
        guard let traceID = page.segment(3) else { throw PageError.notFound("No trace id in the address.") }
        async let answer = page.api.get("/api/public/traces/\(PageRenderer.escapePath(traceID))", project: project.id,
                                        query: [("fields", "core,io,scores,metrics")])
        async let listed = TraceObservations.load(page, projectID: project.id, traceID: traceID)
        guard let trace = try await answer.objectValue else { throw PageError.notFound("Trace not found: \(traceID)") }
        let observations = try await listed
        let tree = ObservationTree(observations)
        let base = "/project/\(PageRenderer.escapePath(project.id))/traces/\(PageRenderer.escapePath(traceID))"
        let selectedID = page.query("observation")
        // Only the selected observation's bodies are read (on demand), whatever the size of the trace.
        let selected = try await TraceObservations.selected(page, projectID: project.id, traceID: traceID, id: selectedID,
                                                            listed: observations)
        let view = page.query("view")
        let timeline = view == "timeline", flame = view == "flame"
        var context: [String: Any] = [
            "name": trace["name"]?.stringValue ?? traceID, "id": traceID, "timestamp": Formatting.timestamp(trace["timestamp"]?.stringValue),
            "latency": Formatting.present(Formatting.latency(trace["latency"]?.numberValue)),
            "cost": Formatting.present(Formatting.cost(trace["totalCost"]?.numberValue)),
            "environment": Formatting.present(trace["environment"]?.stringValue), "release": Formatting.present(trace["release"]?.stringValue),
            "version": Formatting.present(trace["version"]?.stringValue), "tags": (trace["tags"]?.arrayValue ?? []).compactMap(\.stringValue),
            "treeHref": base + (selectedID.map { "?observation=\(TracesPage.encode($0))" } ?? ""),
            "timelineHref": base + "?view=timeline" + (selectedID.map { "&observation=\(TracesPage.encode($0))" } ?? ""),
            "flameHref": base + "?view=flame" + (selectedID.map { "&observation=\(TracesPage.encode($0))" } ?? ""),
            "flameCostHref": base + "?view=flame&color=cost" + (selectedID.map { "&observation=\(TracesPage.encode($0))" } ?? ""),
            "timeline": timeline, "flame": flame, "wide": timeline || flame, "tree": !timeline && !flame,
            "rootHref": base + (view.map { "?view=\(TracesPage.encode($0))" } ?? ""), "rootSelected": selected == nil,
            "nodes": tree.rowsHTML(selectedID: selectedID) { id in base + "?observation=\(TracesPage.encode(id))" + (timeline ? "&view=timeline" : "") },
            "observationCount": observations.count,
            "scores": (trace["scores"]?.arrayValue ?? []).compactMap(\.objectValue).map(Self.score),
            "hasScores": !(trace["scores"]?.arrayValue ?? []).isEmpty,
        ]
        if let userID = trace["userId"]?.stringValue {
            context["user"] = ["id": userID, "href": "/project/\(PageRenderer.escapePath(project.id))/traces?userId=\(TracesPage.encode(userID))"]
        }
        if let sessionID = trace["sessionId"]?.stringValue {
            context["session"] = ["id": sessionID, "href": "/project/\(PageRenderer.escapePath(project.id))/sessions/\(PageRenderer.escapePath(sessionID))"]
        }
        if timeline { context["chart"] = Timeline(tree: tree).svg(link: { id in base + "?view=timeline&observation=\(TracesPage.encode(id))" }) }
        if flame {
            let byCost = page.query("color") == "cost"
            context["chart"] = FlameGraph(tree: tree).svg(byCost: byCost) { id in
                base + "?view=flame" + (byCost ? "&color=cost" : "") + "&observation=\(TracesPage.encode(id))"
            }
        }
        context["detail"] = selected.map(NodeDetail.observation) ?? NodeDetail.trace(trace)
        let node = selected ?? trace
        async let comments = TraceComments.section(page, project: project, traceID: traceID, objectType: selected == nil ? "TRACE" : "OBSERVATION",
                                                   objectID: selected == nil ? traceID : (selectedID ?? traceID))
        async let media = MediaReferences.load(page, projectID: project.id, values: [node["input"], node["output"], node["metadata"]])
        context["comments"] = await comments
        context["media"] = await media
        context["hasMedia"] = !(context["media"] as? [[String: Any]] ?? []).isEmpty
        context["tokens"] = Formatting.present(Formatting.tokens(input: trace["inputTokens"]?.numberValue, output: trace["outputTokens"]?.numberValue,
                                                                 total: trace["totalTokens"]?.numberValue))
        let name = trace["name"]?.stringValue ?? traceID
        return page.pages.page(page, title: name, template: "trace", context: context, section: "traces",
                               breadcrumb: [("Traces", "/project/\(PageRenderer.escapePath(project.id))/traces")])
    }

    static func score(_ score: [String: JSONValue]) -> [String: Any] {
        let value = score["value"]?.numberValue.map { String(format: "%g", $0) } ?? score["stringValue"]?.stringValue ?? ""
        return ["name": score["name"]?.stringValue ?? "", "value": value, "source": score["source"]?.stringValue ?? "",
                "comment": score["comment"]?.stringValue ?? ""]
    }
}
