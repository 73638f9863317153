import Foundation

/// Langfuse's merge rules for create/update events on the same entity, shared by every storage backend
/// so that all of them store the same row for the same events.
///
/// - Later present fields overwrite; absent (nil) fields never do, and neither do empty objects or lists.
/// - `metadata` is deep-merged; `tags` are unioned, de-duplicated and sorted.
/// - Identity fields keep their first value: traces `id, timestamp, environment, createdAt`;
///   observations `id, traceID, startTime, environment, createdAt`; scores `id, timestamp, traceID, environment, createdAt`.
public enum MergeRules {
    /// Deep-merges `update` into `base`: nested objects merge key by key, anything else is replaced.
    public static func deepMerge(_ base: [String: JSONValue], _ update: [String: JSONValue]) -> [String: JSONValue] {
        var merged = base
        for (key, value) in update {
            if case .object(let new)? = Optional(value), case .object(let old)? = merged[key] {
                merged[key] = .object(deepMerge(old, new))
            } else {
                merged[key] = value
            }
        }
        return merged
    }

    /// Whether an input/output value replaces the stored one: anything but null and the empty string.
    static func isTruthy(_ value: JSONValue?) -> Bool {
        guard let value else { return false }
        return value != .null && value != .string("")
    }
}

extension Trace {
    /// A new trace made from its first event.
    public static func created(from update: TraceUpdate, projectID: String, eventTimestamp: Date, now: Date) -> Trace {
        var trace = Trace(id: update.id, projectID: projectID, timestamp: update.timestamp ?? eventTimestamp,
                          environment: update.environment ?? EnvironmentName.fallback, createdAt: now)
        trace.apply(update, now: now)
        return trace
    }

    /// Folds a later event onto this trace by the ``MergeRules``.
    public mutating func apply(_ update: TraceUpdate, now: Date) {
        func set(_ field: String, _ value: String?, _ target: inout String?) {
            if let value { target = value } else if update.clearedFields.contains(field) { target = nil }
        }
        set("name", update.name, &name)
        set("userId", update.userID, &userID)
        set("sessionId", update.sessionID, &sessionID)
        set("release", update.release, &release)
        set("version", update.version, &version)
        if let externalID = update.externalID { self.externalID = externalID }
        if MergeRules.isTruthy(update.input) { input = update.input }
        if MergeRules.isTruthy(update.output) { output = update.output }
        if let metadata = update.metadata { self.metadata = MergeRules.deepMerge(self.metadata, metadata) }
        if let tags = update.tags { self.tags = Array(Set(self.tags).union(tags)).sorted() }
        if let isPublic = update.isPublic { self.isPublic = isPublic }
        updatedAt = now
    }
}

extension Observation {
    /// A new observation made from its first event; a missing trace id gets a fresh random one.
    public static func created(from update: ObservationUpdate, projectID: String, eventTimestamp: Date, now: Date) -> Observation {
        let traceID = update.traceID ?? UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var observation = Observation(id: update.id, traceID: traceID, projectID: projectID, type: update.type,
                                      startTime: update.startTime ?? eventTimestamp,
                                      environment: update.environment ?? EnvironmentName.fallback, createdAt: now)
        observation.apply(update, now: now)
        return observation
    }

    /// Folds a later event onto this observation by the ``MergeRules``; an end before the start is clamped to the start.
    public mutating func apply(_ update: ObservationUpdate, now: Date) {
        if let name = update.name { self.name = name }
        if let endTime = update.endTime { self.endTime = max(endTime, startTime) }
        if let completionStartTime = update.completionStartTime { self.completionStartTime = completionStartTime }
        if let parent = update.parentObservationID { parentObservationID = parent }
        if let level = update.level { self.level = level }
        if let statusMessage = update.statusMessage { self.statusMessage = statusMessage }
        if let version = update.version { self.version = version }
        if MergeRules.isTruthy(update.input) { input = update.input }
        if MergeRules.isTruthy(update.output) { output = update.output }
        if let metadata = update.metadata { self.metadata = MergeRules.deepMerge(self.metadata, metadata) }
        if let model = update.model { self.model = model }
        if let parameters = update.modelParameters, !parameters.isEmpty { modelParameters = parameters }
        if let usage = update.usageDetails, !usage.isEmpty { usageDetails = usage }
        if let cost = update.costDetails, !cost.isEmpty {
            costDetails = cost
            modelID = update.modelID
        }
        if let promptName = update.promptName, let promptVersion = update.promptVersion {
            self.promptName = promptName
            self.promptVersion = promptVersion
        }
        updatedAt = now
    }
}

extension Score {
    /// This score replaced by a newer write of the same id, keeping the identity fields of the first write.
    public func replaced(by newer: Score, now: Date) -> Score {
        var merged = newer
        merged.timestamp = timestamp
        merged.traceID = traceID ?? newer.traceID
        merged.environment = environment
        merged.createdAt = createdAt
        merged.updatedAt = now
        return merged
    }
}
