/// A failed libpq call: the SQLSTATE when the server answered, libpq's or the server's message, and
/// whether the connection is gone (so the pool drops it and reconnects on a later call).
struct PGError: Error, CustomStringConvertible {
    /// The five-character SQLSTATE (`23505`), or nil when the server did not answer.
    let sqlState: String?
    /// The server's or libpq's explanation, on one line.
    let message: String
    /// Whether the connection is unusable (server gone, socket closed, never opened).
    let connectionLost: Bool

    /// An error with an explicit message.
    init(sqlState: String? = nil, message: String, connectionLost: Bool = false) {
        self.sqlState = sqlState
        self.message = message
        self.connectionLost = connectionLost
    }

    /// The SQLSTATE of a statement canceled at `statement_timeout` (or by a cancel request).
    static let queryCanceled = "57014"

    /// Whether a constraint (UNIQUE, NOT NULL, …) was violated: SQLSTATE class 23.
    var isConstraintViolation: Bool { sqlState?.hasPrefix("23") ?? false }

    /// Whether a value could not be stored as given (bad text, out of range): SQLSTATE class 22.
    var isDataException: Bool { sqlState?.hasPrefix("22") ?? false }

    /// Whether the transaction lost a race and can simply be run again: deadlock or serialization failure.
    var isRetryable: Bool { sqlState == "40P01" || sqlState == "40001" }

    var description: String { message }
}

extension String {
    /// A libpq message on one line: lines joined with "; ", tabs and trailing newlines removed.
    var singleLine: String {
        split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: [" ", "\t"]) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: Set<Character>) -> Substring {
        var text = self
        while let first = text.first, characters.contains(first) { text.removeFirst() }
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return text
    }
}
