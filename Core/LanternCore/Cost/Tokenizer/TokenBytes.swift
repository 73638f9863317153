/// The bytes of a token as a dictionary key: hashed as one block of memory, which makes vocabulary lookups about a
/// third faster than keying by `ArraySlice<UInt8>`, whose hashing feeds the hasher byte by byte.
struct TokenBytes: Hashable {
    /// The bytes; a slice, so looking up part of a text copies nothing.
    let bytes: ArraySlice<UInt8>

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    static func == (lhs: TokenBytes, rhs: TokenBytes) -> Bool {
        lhs.bytes == rhs.bytes
    }
}
