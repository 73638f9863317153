/// A validation failure with a message naming what is wrong.
struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
