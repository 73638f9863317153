import LanternPluginSDK

/// Links an experiment item's root span to its dataset run (Langfuse SDK `run_experiment`).
enum ExperimentMapping {
    /// A run item for the span that is the root of an experiment item: its id equals
    /// `langfuse.experiment.item.root_observation_id`, or, when that is absent, it is the trace's root span.
    /// The run takes the experiment's id (`langfuse.experiment.id`) when this item creates it.
    static func runItem(span: SpanRecord, attributes: SpanAttributes, isRoot: Bool) -> DatasetRunItemUpdate? {
        guard let datasetID = attributes.text("langfuse.experiment.dataset.id"),
              let itemID = attributes.text("langfuse.experiment.item.id"),
              let runName = attributes.text("langfuse.experiment.name") else { return nil }
        if let rootObservation = attributes.text("langfuse.experiment.item.root_observation_id") {
            guard rootObservation.lowercased() == span.spanID else { return nil }
        } else {
            guard isRoot else { return nil }
        }
        // The same id as the REST route gives this (dataset, run, item, trace): an SDK that reports an item both ways
        // (the JS SDK's runExperiment) gets one run item, as in Langfuse.
        let id = DatasetRunItemUpdate.stableID(datasetID: datasetID, runName: runName, datasetItemID: itemID, traceID: span.traceID)
        var item = DatasetRunItemUpdate(id: id, datasetID: datasetID,
                                        runName: runName, datasetItemID: itemID, traceID: span.traceID)
        item.observationID = span.spanID
        item.runID = attributes.text("langfuse.experiment.id")
        item.runDescription = attributes.text("langfuse.experiment.description")
        if let raw = attributes["langfuse.experiment.metadata"], raw.isTruthy {
            if case .string(let text) = raw {
                item.runMetadata = BoundedJSON.parse(text) ?? .string(text)
            } else {
                item.runMetadata = raw.json
            }
        }
        return item
    }
}
