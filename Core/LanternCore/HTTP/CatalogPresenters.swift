import Foundation
import LanternPluginSDK

/// Prompts, datasets, runs and media as Langfuse's public API shows them.
enum CatalogPresenters {
    static func prompt(_ prompt: Prompt, resolutionGraph: JSONValue? = nil) -> JSONValue {
        .object([
            "id": .string(prompt.id), "name": .string(prompt.name), "version": .number(Double(prompt.version)),
            "type": .string(prompt.kind.rawValue), "prompt": prompt.prompt, "config": prompt.config,
            "labels": .array(prompt.labels.map { .string($0) }), "tags": .array(prompt.tags.map { .string($0) }),
            "commitMessage": Presenters.string(prompt.commitMessage), "resolutionGraph": resolutionGraph ?? .null,
            "createdBy": .string(prompt.createdBy), "createdAt": Presenters.date(prompt.createdAt),
            "updatedAt": Presenters.date(prompt.updatedAt), "projectId": .string(prompt.projectID),
        ])
    }

    static func dataset(_ dataset: Dataset) -> [String: JSONValue] {
        [
            "id": .string(dataset.id), "name": .string(dataset.name), "description": Presenters.string(dataset.description),
            "metadata": dataset.metadata ?? .null, "inputSchema": dataset.inputSchema ?? .null,
            "expectedOutputSchema": dataset.expectedOutputSchema ?? .null, "projectId": .string(dataset.projectID),
            "createdAt": Presenters.date(dataset.createdAt), "updatedAt": Presenters.date(dataset.updatedAt),
        ]
    }

    static func item(_ item: DatasetItem, datasetName: String) -> JSONValue {
        .object([
            "id": .string(item.id), "status": .string(item.status.rawValue), "input": item.input ?? .null,
            "expectedOutput": item.expectedOutput ?? .null, "metadata": item.metadata ?? .null,
            "sourceTraceId": Presenters.string(item.sourceTraceID), "sourceObservationId": Presenters.string(item.sourceObservationID),
            "datasetId": .string(item.datasetID), "datasetName": .string(datasetName),
            "createdAt": Presenters.date(item.createdAt), "updatedAt": Presenters.date(item.updatedAt), "mediaReferences": [],
        ])
    }

    static func run(_ run: DatasetRun, datasetName: String) -> [String: JSONValue] {
        [
            "id": .string(run.id), "name": .string(run.name), "description": Presenters.string(run.description),
            "metadata": run.metadata ?? .null, "datasetId": .string(run.datasetID), "datasetName": .string(datasetName),
            "createdAt": Presenters.date(run.createdAt), "updatedAt": Presenters.date(run.updatedAt),
        ]
    }

    static func runItem(_ item: DatasetRunItem, runName: String) -> JSONValue {
        .object([
            "id": .string(item.id), "datasetRunId": .string(item.datasetRunID), "datasetRunName": .string(runName),
            "datasetItemId": .string(item.datasetItemID), "traceId": .string(item.traceID),
            "observationId": Presenters.string(item.observationID), "createdAt": Presenters.date(item.createdAt),
            "updatedAt": Presenters.date(item.createdAt),
        ])
    }
}
