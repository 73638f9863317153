/// A `WHERE` clause built from fixed SQL fragments, with every value bound as a parameter.
struct SQLFilter {
    private var clauses: [String] = []
    /// The values for the clause's `?` parameters, in order.
    private(set) var values: [SQLValue] = []

    /// Starts with `project_id = ?`: every query is scoped to one project.
    init(projectID: String) { add("project_id = ?", .text(projectID)) }

    /// Adds a condition (a fixed SQL fragment) and the values of its parameters.
    mutating func add(_ clause: String, _ bound: SQLValue...) { add(clause, values: bound) }

    /// Adds a condition and the values of its parameters, given as a list.
    mutating func add(_ clause: String, values bound: [SQLValue]) {
        clauses.append(clause)
        values.append(contentsOf: bound)
    }

    /// Adds `column = ?` when `value` is set.
    mutating func equal(_ column: String, _ value: String?) {
        if let value { add("\(column) = ?", .text(value)) }
    }

    /// The conditions joined with AND.
    var sql: String { clauses.joined(separator: " AND ") }
}
