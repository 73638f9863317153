import Foundation
import LanternPluginSDK

/// Re-prices the stored usage of the generations that started in a time range with today's model definitions
/// (`lantern costs recompute`): each observation with a model and usage whose cost was computed by Lantern (it has
/// a model id, or no cost yet) is sent again through the ingestion pipeline with its model, parameters, metadata and
/// usage, so the cost stage prices it as it would a new one. Costs sent by clients are never touched.
public struct CostRecomputation: Sendable {
    /// What a run did.
    public struct Report: Sendable, CustomStringConvertible {
        public var examined = 0
        public var repriced = 0
        /// Observations whose costs came from the client.
        public var keptProvided = 0
        public var description: String {
            "examined \(examined) observations, re-priced \(repriced), kept \(keptProvided) with client-sent costs"
        }
    }

    let runtime: LanternRuntime

    /// A recomputation over the runtime's storage (which must have been started).
    public init(runtime: LanternRuntime) { self.runtime = runtime }

    /// Re-prices the observations of the project named `projectName` (every project when nil) that started in
    /// `from ..< to`, both ISO-8601 date-times; `progress` hears the observations examined of those in the range.
    public func run(projectName: String?, from: String, to: String,
                    progress: @Sendable (_ examined: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Report {
        guard let start = ISO8601Timestamp.parse(from) else { throw ValidationFailure("--from: not an ISO-8601 date-time: \(from)") }
        guard let end = ISO8601Timestamp.parse(to) else { throw ValidationFailure("--to: not an ISO-8601 date-time: \(to)") }
        guard start < end else { throw ValidationFailure("--from must be before --to") }
        guard let storage = runtime.storage else { throw ValidationFailure("the config configures no storage plugin") }
        let projects = try await storage.projects().filter { projectName == nil || $0.name == projectName }
        if let projectName, projects.isEmpty { throw ValidationFailure("no project named \(projectName)") }
        var report = Report()
        var inRange = ObservationQuery()
        inRange.fromStartTime = start
        inRange.toStartTime = end
        inRange.page = PageRequest(page: 1, limit: 1)
        var total = 0
        for project in projects { total += try await storage.observations(projectID: project.id, query: inRange).totalItems }
        for project in projects {
            var query = inRange
            query.page = PageRequest(page: 1, limit: 100)
            while true {
                let page = try await storage.observations(projectID: project.id, query: query)
                report.examined += page.items.count
                progress(report.examined, max(total, report.examined))
                let events = page.items.compactMap { event(repricing: $0, report: &report) }
                if !events.isEmpty {
                    let outcomes = try await runtime.pipeline.accept(events, projectID: project.id)
                    report.repriced += outcomes.filter(\.isSuccess).count
                }
                guard page.items.count == query.page.limit else { break }
                query.page.page += 1
            }
        }
        return report
    }

    /// The update that re-prices `observation`, or nil when it has nothing Lantern priced.
    private func event(repricing observation: Observation, report: inout Report) -> IngestionEvent? {
        guard let model = observation.model, !observation.usageDetails.isEmpty else { return nil }
        guard observation.modelID != nil || observation.costDetails.isEmpty else {
            report.keptProvided += 1
            return nil
        }
        var update = ObservationUpdate(id: observation.id, type: observation.type)
        update.traceID = observation.traceID
        update.model = model
        update.modelParameters = observation.modelParameters
        update.metadata = observation.metadata
        update.usageDetails = observation.usageDetails
        update.startTime = observation.startTime
        return IngestionEvent(id: "recompute-\(observation.id)-\(UUID().uuidString.lowercased())", timestamp: Date(), isUpdate: true,
                              payload: .observation(update))
    }
}
