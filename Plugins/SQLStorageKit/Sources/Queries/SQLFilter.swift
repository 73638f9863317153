/// A `WHERE` clause built from fixed SQL fragments, with every value bound as a parameter (one `?` each).
package struct SQLFilter {
    private var clauses: [String] = []
    /// The values for the clause's parameters, in order.
    package private(set) var values: [SQLValue] = []

    /// Starts with `project_id = ?`: every query is scoped to one project.
    package init(projectID: String) { add("project_id = ?", .text(projectID)) }

    /// Adds a condition (a fixed SQL fragment) and the values of its parameters.
    package mutating func add(_ clause: String, _ bound: SQLValue...) { add(clause, values: bound) }

    /// Adds a condition and the values of its parameters, given as a list.
    package mutating func add(_ clause: String, values bound: [SQLValue]) {
        clauses.append(clause)
        values.append(contentsOf: bound)
    }

    /// Adds `column = ?` when `value` is set.
    package mutating func equal(_ column: String, _ value: String?) {
        if let value { add("\(column) = ?", .text(value)) }
    }

    /// Adds that `column` is one of `list` when `list` is not empty.
    package mutating func oneOf<Connection>(_ column: String, _ list: [String], on fetcher: RowFetcher<Connection>) throws {
        if !list.isEmpty { add(Connection.oneOf(column), try fetcher.list(list)) }
    }

    /// The conditions joined with AND.
    package var sql: String { clauses.joined(separator: " AND ") }
}
