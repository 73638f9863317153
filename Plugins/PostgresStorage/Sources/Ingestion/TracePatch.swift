import Foundation
import LanternPluginSDK

/// Every event of a batch on one trace, folded into the changes SQL applies to the stored row (or to a new
/// row) with the ``MergeRules``. Encoded as one object of the JSON row set ``BatchStatements/upsertTraces``
/// reads; nil fields are left out and leave the stored value alone.
struct TracePatch: Encodable {
    let id: String
    /// Identity for a new row only: a stored trace keeps its own.
    let timestamp: Double
    let environment: String
    /// Clearable fields: `…Set` tells "set (or cleared, when the value is nil)" from "not sent".
    var name: String?, nameSet = false
    var userID: String?, userIDSet = false
    var sessionID: String?, sessionIDSet = false
    var release: String?, releaseSet = false
    var version: String?, versionSet = false
    var externalID: String?
    var input: JSONValue?
    var output: JSONValue?
    var metadata: MetadataPatches?
    /// Sorted and de-duplicated; unioned with the stored tags.
    var tags: [String]?
    var isPublic: Bool?

    enum CodingKeys: String, CodingKey {
        case id, timestamp, environment, name, release, version, input, output, metadata, tags
        case nameSet = "name_set", userID = "user_id", userIDSet = "user_id_set", sessionID = "session_id"
        case sessionIDSet = "session_id_set", releaseSet = "release_set", versionSet = "version_set"
        case externalID = "external_id", isPublic = "is_public"
    }

    /// A patch that creates the trace with this identity when it does not exist.
    init(id: String, timestamp: Date, environment: String) {
        self.id = id
        self.timestamp = timestamp.timeIntervalSinceReferenceDate
        self.environment = environment
    }

    /// Folds a later event by the ``MergeRules`` (``Trace/apply(_:now:)``).
    mutating func fold(_ update: TraceUpdate) {
        func set(_ field: String, _ value: String?, _ target: inout String?, _ sent: inout Bool) {
            if let value {
                target = value
                sent = true
            } else if update.clearedFields.contains(field) {
                target = nil
                sent = true
            }
        }
        set("name", update.name, &name, &nameSet)
        set("userId", update.userID, &userID, &userIDSet)
        set("sessionId", update.sessionID, &sessionID, &sessionIDSet)
        set("release", update.release, &release, &releaseSet)
        set("version", update.version, &version, &versionSet)
        if let externalID = update.externalID { self.externalID = externalID }
        if replacesStoredValue(update.input) { input = update.input }
        if replacesStoredValue(update.output) { output = update.output }
        if let patch = update.metadata {
            var patches = metadata ?? MetadataPatches()
            patches.append(patch)
            metadata = patches
        }
        if let tags = update.tags { self.tags = Array(Set(self.tags ?? []).union(tags)).sorted() }
        if let isPublic = update.isPublic { self.isPublic = isPublic }
    }
}
