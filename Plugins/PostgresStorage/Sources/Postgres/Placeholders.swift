extension PGConnection {
    /// `sql` with each `?` outside quoted literals and identifiers numbered `$1, $2, …` in order: the shared SQL layer
    /// writes one `?` per bound value. A statement uses one style or the other; one without `?` is returned as is.
    static func numberedPlaceholders(_ sql: String) -> String {
        guard sql.utf8.contains(UInt8(ascii: "?")) else { return sql }
        var numbered: [UInt8] = []
        numbered.reserveCapacity(sql.utf8.count + 16)
        var quote: UInt8?
        var next = 0
        for byte in sql.utf8 {
            if let open = quote {
                numbered.append(byte)
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "?") {
                next += 1
                numbered.append(contentsOf: "$\(next)".utf8)
            } else {
                numbered.append(byte)
                if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") { quote = byte }
            }
        }
        return String(decoding: numbered, as: UTF8.self)
    }
}
