import LanternPluginSDK
import Synchronization

/// The `masking` component: masks personal data and secrets in every ingested event and in the project data stored
/// outside events (dataset items, comments, media metadata), before anything reaches storage. It never drops or
/// reorders events and never throws: every input yields a masked value.
final class MaskingProcessor: RecordProcessor {
    let settings: MaskingSettings
    private let book: RuleBook
    /// Set by `start`, cleared by `shutdown`; read by batches on any task, hence the lock. Without a host (before
    /// start, in tests) masking still works and counts are dropped.
    private let host = Mutex<(any PluginHost)?>(nil)

    /// A processor applying `settings`.
    init(settings: MaskingSettings) {
        self.settings = settings
        book = RuleBook(rules: settings.rules)
    }

    func start(host: any PluginHost) async throws {
        self.host.withLock { $0 = host }
    }

    func shutdown() async {
        host.withLock { $0 = nil }
    }

    func process(_ events: [IngestionEvent], projectID: String) async throws -> [IngestionEvent] {
        let masker = EventMasker(json: jsonMasker(for: projectID))
        var tally = DetectionTally()
        let masked = events.map { masker.mask($0, tally: &tally) }
        report(tally)
        return masked
    }

    func process(_ value: JSONValue, field: RecordField, projectID: String) async throws -> JSONValue {
        let masker = jsonMasker(for: projectID)
        var tally = DetectionTally()
        let masked: JSONValue
        if let known = Self.maskField(of: field) {
            masked = masker.mask(value, scope: book.scope(for: known), tally: &tally)
        } else {
            masked = masker.mask(value, scope: book.unknownFieldScope, tally: &tally)
        }
        report(tally)
        return masked
    }

    /// The rule field a record field belongs to; nil for one added to the SDK after this plugin, which the rules that
    /// apply everywhere still cover.
    static func maskField(of field: RecordField) -> MaskField? {
        switch field {
        case .datasetItemInput, .datasetItemExpectedOutput, .datasetItemMetadata: .datasetItem
        case .commentContent: .comment
        case .mediaMetadata: .media
        default: nil
        }
    }

    /// The masker for one project: its hasher is keyed per project, so it is made per batch (one HMAC).
    private func jsonMasker(for projectID: String) -> JSONMasker {
        let hasher = settings.hashSecret.map { ProjectHasher(secret: $0, projectID: projectID) }
        return JSONMasker(book: book, text: TextMasker(replacer: Replacer(hasher: hasher)), maskKeys: settings.maskKeys)
    }

    /// Adds the batch's matches to `masking_detections`, once per detector that found something.
    private func report(_ tally: DetectionTally) {
        guard !tally.counts.isEmpty, let host = host.withLock({ $0 }) else { return }
        for (detector, count) in tally.counts {
            host.count("masking_detections", labels: ["detector": detector], by: count)
        }
    }
}
