import CSQLite
import SQLStorageKit

/// A SQLite row for the shared SQL layer: typed cells, booleans stored as integers.
extension SQLiteRow: SQLRow {
    func name(at column: Int) -> String { name(Int32(truncatingIfNeeded: column)) }
    func isNull(at column: Int) -> Bool { isNull(Int32(truncatingIfNeeded: column)) }
    func text(at column: Int) -> String? { text(Int32(truncatingIfNeeded: column)) }
    func double(at column: Int) -> Double? { double(Int32(truncatingIfNeeded: column)) }
    func integer(at column: Int) -> Int64? { integer(Int32(truncatingIfNeeded: column)) }
    /// Booleans are stored as integers: non-zero is true.
    func bool(at column: Int) -> Bool? { integer(Int32(truncatingIfNeeded: column)).map { $0 != 0 } }

    func cell(at column: Int) -> SQLValue {
        let index = Int32(truncatingIfNeeded: column)
        switch storageClass(index) {
        case SQLITE_INTEGER: return integer(index).map(SQLValue.integer) ?? .null
        case SQLITE_FLOAT: return double(index).map(SQLValue.real) ?? .null
        case SQLITE_TEXT: return text(index).map(SQLValue.text) ?? .null
        default: return .null
        }
    }
}
