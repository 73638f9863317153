import Foundation
import LanternPluginSDK

/// For an opted-out capability: its methods must throw `StorageError.unsupported`, never answer narrower.
enum UnsupportedCapabilityCheck {
    /// Problems found (empty when the capability's probe method throws `unsupported`).
    static func problems(_ capability: StorageCapability, storage: any StorageBackend, projectID: String) async -> [String] {
        do {
            switch capability {
            case .prompts: _ = try await storage.promptVersions(projectID: projectID, name: "probe")
            case .datasets: _ = try await storage.datasets(projectID: projectID, page: PageRequest())
            case .media: _ = try await storage.mediaRecord(projectID: projectID, id: "probe")
            case .scoreQueries: _ = try await storage.score(projectID: projectID, id: "probe")
            case .annotationQueues:
                guard let queues = storage as? any AnnotationQueueStore else { return [] }
                _ = try await queues.annotationQueue(projectID: projectID, id: "probe")
            case .comments:
                guard let comments = storage as? any CommentStore else { return [] }
                _ = try await comments.comment(projectID: projectID, id: "probe")
            case .scoreConfigs:
                guard let configs = storage as? any ScoreConfigStore else { return [] }
                _ = try await configs.scoreConfig(projectID: projectID, id: "probe")
            case .models:
                guard let models = storage as? any ModelStore else { return [] }
                _ = try await models.model(projectID: projectID, id: "probe")
            case .metrics:
                guard let metrics = storage as? any MetricsStore else { return [] }
                _ = try await metrics.metrics(projectID: projectID, query: MetricsQuery(
                    view: .observations, metrics: [MetricsQuery.Metric(measure: "count", aggregation: .count)],
                    from: Date(timeIntervalSince1970: 0), to: Date()))
            case .evaluations:
                guard let evaluations = storage as? any EvaluationStore else { return [] }
                _ = try await evaluations.evaluationRule(projectID: projectID, id: "probe")
            default: return []
            }
            return ["opted out of '\(capability)' but its methods answer instead of throwing StorageError.unsupported"]
        } catch StorageError.unsupported {
            return []
        } catch {
            return ["opted out of '\(capability)' but threw \(error) instead of StorageError.unsupported"]
        }
    }
}
