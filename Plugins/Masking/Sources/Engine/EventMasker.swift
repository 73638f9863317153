import LanternPluginSDK

/// Masks the free-form fields of ingestion events, each with the rules of the field it belongs to. Ids, names,
/// tags, models and usage are never changed: they join records and carry no free text.
///
/// | event | fields masked |
/// |---|---|
/// | trace | input, output, metadata |
/// | observation | input, output, metadata; status message as output |
/// | score | comment; metadata; the text value of TEXT scores as comment, of CORRECTION scores as output |
/// | dataset run item | run metadata and run description as metadata |
struct EventMasker: Sendable {
    let json: JSONMasker

    private var book: RuleBook { json.book }

    /// `event` with its fields masked.
    func mask(_ event: IngestionEvent, tally: inout DetectionTally) -> IngestionEvent {
        var event = event
        switch event.payload {
        case .trace(var trace):
            trace.input = value(trace.input, .input, &tally)
            trace.output = value(trace.output, .output, &tally)
            trace.metadata = trace.metadata.map { json.mask(metadata: $0, tally: &tally) }
            event.payload = .trace(trace)
        case .observation(var observation):
            observation.input = value(observation.input, .input, &tally)
            observation.output = value(observation.output, .output, &tally)
            observation.metadata = observation.metadata.map { json.mask(metadata: $0, tally: &tally) }
            observation.statusMessage = text(observation.statusMessage, .output, &tally)
            event.payload = .observation(observation)
        case .score(var score):
            score.comment = text(score.comment, .comment, &tally)
            score.metadata = json.mask(metadata: score.metadata, tally: &tally)
            // Categories and booleans are labels from a fixed set, not free text; only written values are masked.
            if score.dataType == .text {
                score.stringValue = text(score.stringValue, .comment, &tally)
            } else if score.dataType == .correction {
                score.stringValue = text(score.stringValue, .output, &tally)
            }
            event.payload = .score(score)
        case .datasetRunItem(var item):
            item.runMetadata = value(item.runMetadata, .metadata, &tally)
            item.runDescription = text(item.runDescription, .metadata, &tally)
            event.payload = .datasetRunItem(item)
        @unknown default:
            // A payload kind newer than this plugin: nothing here knows its fields, so it passes as it came.
            break
        }
        return event
    }

    private func value(_ value: JSONValue?, _ field: MaskField, _ tally: inout DetectionTally) -> JSONValue? {
        guard let value else { return nil }
        if field == .metadata, case .object(let members) = value {
            return .object(json.mask(metadata: members, tally: &tally))
        }
        return json.mask(value, scope: book.scope(for: field), tally: &tally)
    }

    private func text(_ text: String?, _ field: MaskField, _ tally: inout DetectionTally) -> String? {
        guard let text else { return nil }
        return json.text.mask(text, plan: book.scope(for: field).plan, tally: &tally) ?? text
    }
}
