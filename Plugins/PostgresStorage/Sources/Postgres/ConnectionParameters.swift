import CLibPQ

/// How to reach the server: libpq connection keywords and values, in order (later ones override earlier ones).
///
/// Values may hold a password: they are handed to libpq only, never logged or put in a message.
struct ConnectionParameters: Sendable {
    /// `(keyword, value)` pairs for `PQconnectdbParams`.
    let keywords: [(String, String)]
    /// Whether the first `dbname` value is a connection URL that libpq expands.
    let expandsURL: Bool
    /// `host:port` as configured (libpq's defaults when unset), for messages.
    let endpoint: String

    /// Parameters for `keywords`; when `expandsURL`, the first pair is `("dbname", url)`.
    init(keywords: [(String, String)], expandsURL: Bool) {
        self.keywords = keywords
        self.expandsURL = expandsURL
        var host: String?, port: String?
        for (keyword, value) in keywords {
            if expandsURL, keyword == "dbname", host == nil, port == nil {
                let parsed = Self.parse(value)
                host = parsed["host"] ?? host
                port = parsed["port"] ?? port
            }
            if keyword == "host" { host = value }
            if keyword == "port" { port = value }
        }
        endpoint = "\(host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"):\(port.flatMap { $0.isEmpty ? nil : $0 } ?? "5432")"
    }

    /// Why `url` is not a usable connection URL, or nil when libpq accepts it.
    static func problem(inURL url: String) -> String? {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            return "must be a URL starting with postgres:// or postgresql://"
        }
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            let reason = message.map { String(cString: $0) } ?? "libpq cannot parse it"
            PQfreemem(message)
            return "is not a valid connection URL: \(reason.trimmingTrailingWhitespace)"
        }
        PQconninfoFree(options)
        let ports = parse(url)["port"].map { $0.split(separator: ",", omittingEmptySubsequences: false) } ?? []
        if let bad = ports.first(where: { port in port.isEmpty ? false : !(Int(port).map { (1...65535).contains($0) } ?? false) }) {
            return "has an invalid port \"\(bad)\" (must be a whole number between 1 and 65535)"
        }
        return nil
    }

    /// The keywords libpq reads from a connection URL (empty when it cannot be parsed).
    private static func parse(_ url: String) -> [String: String] {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            PQfreemem(message)
            return [:]
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return values
    }
}

extension String {
    /// The string without trailing spaces and line breaks (libpq messages end with a newline).
    var trimmingTrailingWhitespace: String {
        var text = Substring(self)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
