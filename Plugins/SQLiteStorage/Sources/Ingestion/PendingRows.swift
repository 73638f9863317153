import SQLStorageKit
/// The rows of one table that a batch touches: each loaded from the database at most once, folded in
/// memory, and written once when the batch ends.
struct PendingRows<Model> {
    /// The current state of every row seen so far; `.some(nil)` means "known not to exist".
    private var current: [String: Model?] = [:]
    /// The encoded column values of the rows to write.
    private var encoded: [String: [SQLValue]] = [:]
    /// Ids in the order they were first changed, so writes are deterministic.
    private var order: [String] = []

    /// The row's current state: from an earlier event of the batch, else loaded once with `load`.
    mutating func row(_ id: String, load: (String) throws -> Model?) rethrows -> Model? {
        if let known = current[id] { return known }
        let loaded = try load(id)
        current[id] = .some(loaded)
        return loaded
    }

    /// Notes that the row is not stored, unless the batch already knows it, so that ``row(_:load:)`` does not look.
    mutating func noteAbsent(_ id: String) {
        if current[id] == nil { current[id] = .some(nil) }
    }

    /// Records the new state of a row and its column values.
    mutating func update(_ id: String, to model: Model, values: [SQLValue]) {
        current[id] = .some(model)
        if encoded.updateValue(values, forKey: id) == nil { order.append(id) }
    }

    /// The column values of every changed row, in first-change order.
    var writes: [[SQLValue]] { order.compactMap { encoded[$0] } }

    /// The final state of every changed row, in first-change order.
    var changed: [Model] { order.compactMap { current[$0] ?? nil } }
}
