import Foundation
import LanternPluginSDK

/// Checks the scores of a batch that name a `configId` against their config before they are written:
/// an unknown config is a 404 outcome, a mismatch a 400 naming the rule; fitting scores are adjusted
/// (a categorical label gets its category's value).
struct ScoreConfigCheck: Sendable {
    let storage: any StorageBackend

    /// The events to write (adjusted) and the outcomes of those refused, by index into `events`.
    func check(_ events: [IngestionEvent], projectID: String) async throws -> (events: [IngestionEvent], refused: [Int: EventOutcome]) {
        guard events.contains(where: { if case .score(let score) = $0.payload { score.configID != nil } else { false } }) else {
            return (events, [:])
        }
        guard let configs = storage as? any ScoreConfigStore else {
            return (events, Dictionary(uniqueKeysWithValues: events.indices.compactMap { index in
                guard case .score(let score) = events[index].payload, score.configID != nil else { return nil }
                return (index, EventOutcome(eventID: events[index].id, status: 501, error: "the storage plugin does not support score configs"))
            }))
        }
        var cache: [String: ScoreConfig?] = [:]
        var checked = events
        var refused: [Int: EventOutcome] = [:]
        for (index, event) in events.enumerated() {
            guard case .score(let score) = event.payload, let configID = score.configID else { continue }
            if cache[configID] == nil { cache[configID] = .some(try await configs.scoreConfig(projectID: projectID, id: configID)) }
            guard let config = cache[configID] ?? nil else {
                refused[index] = EventOutcome(eventID: event.id, status: 404, error: "Score config not found: \(configID)")
                continue
            }
            switch ScoreConfigRules.apply(config, to: score) {
            case .success(let adjusted): checked[index].payload = .score(adjusted)
            case .failure(let failure): refused[index] = EventOutcome(eventID: event.id, status: 400, error: failure.message)
            }
        }
        return (checked, refused)
    }
}
