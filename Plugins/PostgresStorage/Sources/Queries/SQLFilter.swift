/// A `WHERE` clause built from fixed SQL fragments, with every value bound as a parameter.
///
/// Fragments are written with `?` for each value; the filter numbers them `$1, $2, …` as they are added.
struct SQLFilter {
    private var clauses: [String] = []
    /// The values for the clause's parameters, in order.
    private(set) var values: [PGValue] = []

    /// Starts with `project_id = $1`: every query is scoped to one project.
    init(projectID: String) { add("project_id = ?", .text(projectID)) }

    /// Adds a condition (a fixed SQL fragment with one `?` per value) and the values of its parameters.
    mutating func add(_ clause: String, _ bound: PGValue...) { add(clause, values: bound) }

    /// Adds a condition (one `?` per value) and the values of its parameters, given as a list.
    mutating func add(_ clause: String, values bound: [PGValue]) {
        var numbered = ""
        var next = values.count
        for character in clause {
            if character == "?" {
                next += 1
                numbered += "$\(next)"
            } else {
                numbered.append(character)
            }
        }
        clauses.append(numbered)
        values.append(contentsOf: bound)
    }

    /// Adds `column = ?` when `value` is set.
    mutating func equal(_ column: String, _ value: String?) {
        if let value { add("\(column) = ?", .text(value)) }
    }

    /// Adds `column = ANY(?)` when `list` is not empty.
    mutating func oneOf(_ column: String, _ list: [String]) {
        if !list.isEmpty { add("\(column) = ANY(?::text[])", .textArray(list)) }
    }

    /// The conditions joined with AND.
    var sql: String { clauses.joined(separator: " AND ") }

    /// The placeholder the next bound value will take (for LIMIT and OFFSET after the filter).
    func placeholder(after extra: Int) -> String { "$\(values.count + extra)" }
}
