import Foundation
import LanternPluginSDK

/// Every event of a batch on one observation, folded into the changes SQL applies to the stored row (or to a
/// new row) with the ``MergeRules``. Encoded as one object of the JSON row set
/// ``BatchStatements/upsertObservations`` reads; nil fields leave the stored value alone.
struct ObservationPatch: JSONRow {
    let id: String
    /// Identity for a new row only: a stored observation keeps its own trace, type, start and environment.
    let traceID: String
    let type: String
    let startTime: Double
    let environment: String
    var name: String?
    /// Clamped to the start time in SQL.
    var endTime: Double?
    var completionStartTime: Double?
    var parentObservationID: String?
    var level: String?
    var statusMessage: String?
    var version: String?
    var input: JSONValue?
    var output: JSONValue?
    var metadata: MetadataPatches?
    var model: String?
    var modelParameters: [String: JSONValue]?
    var usageDetails: [String: Double]?
    var costDetails: [String: Double]?
    /// ``Observation/totalCost`` of `costDetails`, stored beside it.
    var totalCost: Double?
    /// The model definition the costs came from; replaced together with `costDetails`.
    var modelID: String?
    var promptName: String?
    var promptVersion: Int?

    /// A patch that creates the observation from its first event when it does not exist
    /// (``Observation/created(from:projectID:eventTimestamp:now:)``): a missing trace id gets a fresh random one.
    init(creating update: ObservationUpdate, eventTimestamp: Date) {
        id = update.id
        traceID = update.traceID ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        type = update.type.rawValue
        startTime = (update.startTime ?? eventTimestamp).timeIntervalSinceReferenceDate
        environment = update.environment ?? EnvironmentName.fallback
        fold(update)
    }

    /// The row object ``BatchStatements/upsertObservations`` reads.
    var json: JSONValue {
        var row = JSONRowObject()
        row.set("id", id)
        row.set("trace_id", traceID)
        row.set("type", type)
        row.set("start_time", startTime)
        row.set("environment", environment)
        row.set("name", name)
        row.set("end_time", endTime)
        row.set("completion_start_time", completionStartTime)
        row.set("parent_observation_id", parentObservationID)
        row.set("level", level)
        row.set("status_message", statusMessage)
        row.set("version", version)
        row.set("input", input)
        row.set("output", output)
        row.set("metadata", metadata?.json)
        row.set("model", model)
        row.set("model_parameters", modelParameters)
        row.set("usage_details", usageDetails)
        row.set("cost_details", costDetails)
        if let usageDetails {
            row.set("input_tokens", Observation.sum(usageDetails, containing: "input"))
            row.set("output_tokens", Observation.sum(usageDetails, containing: "output"))
            row.set("total_tokens", usageDetails["total"])
        }
        if let costDetails {
            row.set("input_cost", Observation.sum(costDetails, containing: "input"))
            row.set("output_cost", Observation.sum(costDetails, containing: "output"))
        }
        row.set("total_cost", totalCost)
        row.set("model_id", modelID)
        row.set("prompt_name", promptName)
        row.set("prompt_version", promptVersion.map(Double.init))
        return row.json
    }

    /// Folds a later event by the ``MergeRules`` (``Observation/apply(_:now:)``).
    mutating func fold(_ update: ObservationUpdate) {
        if let name = update.name { self.name = name }
        if let endTime = update.endTime { self.endTime = endTime.timeIntervalSinceReferenceDate }
        if let start = update.completionStartTime { completionStartTime = start.timeIntervalSinceReferenceDate }
        if let parent = update.parentObservationID { parentObservationID = parent }
        if let level = update.level { self.level = level.rawValue }
        if let statusMessage = update.statusMessage { self.statusMessage = statusMessage }
        if let version = update.version { self.version = version }
        if replacesStoredValue(update.input) { input = update.input }
        if replacesStoredValue(update.output) { output = update.output }
        if let patch = update.metadata {
            var patches = metadata ?? MetadataPatches()
            patches.append(patch)
            metadata = patches
        }
        if let model = update.model { self.model = model }
        if let parameters = update.modelParameters, !parameters.isEmpty { modelParameters = parameters }
        if let usage = update.usageDetails, !usage.isEmpty { usageDetails = usage }
        if let cost = update.costDetails, !cost.isEmpty {
            costDetails = cost
            totalCost = cost["total"] ?? cost.values.reduce(0, +)
            modelID = update.modelID
        }
        if let promptName = update.promptName, let promptVersion = update.promptVersion {
            self.promptName = promptName
            self.promptVersion = promptVersion
        }
    }
}
