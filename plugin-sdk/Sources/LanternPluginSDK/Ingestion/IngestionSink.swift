/// The kernel's single write path. Receivers hand it normalized events; it runs processors,
/// commits through the storage plugin, and only then returns.
public protocol IngestionSink: Sendable {
    /// Stores `events` for `projectID` and returns one outcome per event, in input order.
    ///
    /// - Returns only after every successful event is durable (committed by storage).
    /// - Throws ``IngestionError/atCapacity(retryAfterSeconds:)`` when the pipeline is full and
    ///   ``IngestionError/unavailable(_:)`` when storage is down; nothing of the batch is acknowledged then.
    func accept(_ events: [IngestionEvent], projectID: String) async throws -> [EventOutcome]
}

/// Why the ingestion sink refused a whole batch. Receivers answer 503/429 with `Retry-After`.
public enum IngestionError: Error, Sendable, Hashable {
    /// The queue is full; retry after the given seconds.
    case atCapacity(retryAfterSeconds: Int)
    /// Storage is unavailable (down, or not configured); the text says why.
    case unavailable(String)
}

/// Transforms events on every ingestion path, before storage (usage and cost, masking, sampling).
///
/// A processor MUST NOT drop events silently: return them (changed or not), or throw to reject the batch.
public protocol IngestionProcessor: Component {
    /// Returns the events to store, in the same order.
    func process(_ events: [IngestionEvent], projectID: String) async throws -> [IngestionEvent]
}

/// A field of project data that reaches storage outside ingestion events: the kernel passes each to every
/// ``RecordProcessor`` before storing it.
public struct RecordField: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let datasetItemInput = RecordField(rawValue: "datasetItem.input")
    public static let datasetItemExpectedOutput = RecordField(rawValue: "datasetItem.expectedOutput")
    public static let datasetItemMetadata = RecordField(rawValue: "datasetItem.metadata")
    /// A comment's text (as a JSON string).
    public static let commentContent = RecordField(rawValue: "comment.content")
    /// A media record's metadata: its content type and the field it belongs to, as a JSON object.
    public static let mediaMetadata = RecordField(rawValue: "media.metadata")
}

/// An ``IngestionProcessor`` that also sees the project data stored outside ingestion events (dataset items,
/// comments, media metadata), so a rule such as masking holds on every path.
public protocol RecordProcessor: IngestionProcessor {
    /// Returns the value to store in place of `value`.
    func process(_ value: JSONValue, field: RecordField, projectID: String) async throws -> JSONValue
}

/// Accepts a wire format over HTTP and turns it into normalized events for the ``IngestionSink``.
public protocol IngestionReceiver: Component {
    /// The routes this receiver serves, mounted by the kernel at start.
    func routes() -> [PluginRoute]
}
