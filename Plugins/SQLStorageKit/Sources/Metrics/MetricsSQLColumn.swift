import LanternPluginSDK

/// One result column of a ``MetricsSQL`` statement: its name in the ``MetricsRow`` and how to read it.
package struct MetricsSQLColumn: Sendable, Hashable {
    /// What a column holds and how ``MetricsSQL/row(from:)`` turns its cells into JSON.
    package enum Kind: Sendable, Hashable {
        /// Text, read as a JSON string (dimensions and `time_dimension`, e.g. `2025-01-06T00:00:00Z`).
        case text
        /// A number (SQLite integer or real, PostgreSQL `double precision` text), read as a JSON number.
        case number
        /// A boolean (SQLite 0 or 1, PostgreSQL `t` or `f`), read as a JSON boolean.
        case boolean
        /// JSON text (the `tags` array), read as a JSON string holding the compact canonical text.
        case jsonText
        /// A histogram's JSON text `[[lower, upper, count], ...]`, read as that JSON array.
        case histogram
    }

    /// The key in the row: the dimension field, `time_dimension`, or the metric alias.
    package let name: String
    /// How the cells are read.
    package let kind: Kind

    /// Describes a column.
    package init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}
