/// What a password must be. Each refusal names its rule, so the person knows what to change.
enum PasswordRules {
    static let minimumLength = 8
    /// bcrypt reads only the first 72 bytes; a longer password would silently match its own prefix.
    static let maximumBytes = 72

    /// Throws 400 naming the first rule `password` breaks.
    static func check(_ password: String, email: String) throws {
        if password.isEmpty { throw APIError.badRequest("password: must not be empty") }
        if password.count < minimumLength { throw APIError.badRequest("password: must be at least \(minimumLength) characters long") }
        if password.utf8.count > maximumBytes { throw APIError.badRequest("password: must be at most \(maximumBytes) bytes long") }
        if !password.contains(where: \.isLetter) || password.allSatisfy(\.isLetter) {
            throw APIError.badRequest("password: must contain at least one letter and one digit or symbol")
        }
        if password.lowercased() == email.lowercased() { throw APIError.badRequest("password: must not be the email address") }
    }
}
