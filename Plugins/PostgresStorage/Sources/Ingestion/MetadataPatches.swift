import LanternPluginSDK

/// The metadata objects a batch's events deep-merge into one row, in event order, composed where that is exact.
///
/// Merging `a` then `b` equals merging `deepMerge(a, b)` unless some path holds a non-object in `a` and an
/// object in `b` (sequentially `b` replaces it; composed, `b` would merge into the stored value). Such a `b`
/// starts a new patch. SQL applies the list in order with `lantern_jsonb_merge_all`.
struct MetadataPatches {
    private(set) var patches: [[String: JSONValue]] = []

    /// Adds the metadata of a later event.
    mutating func append(_ patch: [String: JSONValue]) {
        if let last = patches.last, Self.composes(last, patch) {
            patches[patches.count - 1] = MergeRules.deepMerge(last, patch)
        } else {
            patches.append(patch)
        }
    }

    /// Whether merging `earlier` then `later` equals merging their deep merge.
    private static func composes(_ earlier: [String: JSONValue], _ later: [String: JSONValue]) -> Bool {
        later.allSatisfy { key, value in
            guard case .object(let inner) = value, let previous = earlier[key] else { return true }
            guard case .object(let previousInner) = previous else { return false }
            return composes(previousInner, inner)
        }
    }

    /// The patches as the JSON array SQL merges in order.
    var json: JSONValue { .array(patches.map(JSONValue.object)) }
}

/// Whether an input/output value replaces the stored one: anything but null and the empty string (``MergeRules``).
func replacesStoredValue(_ value: JSONValue?) -> Bool {
    guard let value else { return false }
    return value != .null && value != .string("")
}
