import Foundation
import LanternPluginSDK

/// Every event of a batch on one trace, folded into the changes SQL applies to the stored row (or to a new
/// row) with the ``MergeRules``. Encoded as one object of the JSON row set ``BatchStatements/upsertTraces``
/// reads; nil fields are left out and leave the stored value alone.
struct TracePatch: JSONRow {
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

    /// A patch that creates the trace with this identity when it does not exist.
    init(id: String, timestamp: Date, environment: String) {
        self.id = id
        self.timestamp = timestamp.timeIntervalSinceReferenceDate
        self.environment = environment
    }

    /// The row object ``BatchStatements/upsertTraces`` reads.
    var json: JSONValue {
        var row = JSONRowObject()
        row.set("id", id)
        row.set("timestamp", timestamp)
        row.set("environment", environment)
        row.set("name", name)
        row.set("name_set", nameSet)
        row.set("user_id", userID)
        row.set("user_id_set", userIDSet)
        row.set("session_id", sessionID)
        row.set("session_id_set", sessionIDSet)
        row.set("release", release)
        row.set("release_set", releaseSet)
        row.set("version", version)
        row.set("version_set", versionSet)
        row.set("external_id", externalID)
        row.set("input", input)
        row.set("output", output)
        row.set("metadata", metadata?.json)
        row.set("tags", tags.map { .array($0.map(JSONValue.string)) })
        row.set("is_public", isPublic)
        return row.json
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
