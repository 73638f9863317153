import Synchronization

/// SQL text derived from a table's columns, built on first use and kept: building it joined the column names on
/// every statement, about a tenth of the writer's time under load (the lookup and upsert run once per row).
package enum DerivedSQL {
    /// Which statement text.
    package enum Kind: Hashable, Sendable {
        case selectList, placeholders, selectByID, upsert, deleteByKey
    }

    private struct Key: Hashable, Sendable {
        let table: ObjectIdentifier
        let kind: Kind
    }

    private static let built = Mutex<[Key: String]>([:])

    /// The `kind` text of `table`, from `build` the first time.
    package static func text(_ table: Any.Type, _ kind: Kind, build: () -> String) -> String {
        let key = Key(table: ObjectIdentifier(table), kind: kind)
        if let text = built.withLock({ $0[key] }) { return text }
        let text = build()
        built.withLock { $0[key] = text }
        return text
    }
}
