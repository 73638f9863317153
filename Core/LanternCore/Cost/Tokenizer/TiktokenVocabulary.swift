import Foundation

/// The mergeable tokens of a tiktoken encoding: each token's bytes and its rank, which is also its token id.
///
/// Loaded from a `.tiktoken` file (see ``TiktokenFile`` for the format). Every single byte must be a token, so
/// any text can be encoded.
public struct TiktokenVocabulary: Sendable {
    /// The rank of every token, keyed by its bytes (slices of one shared buffer).
    private let ranks: [TokenBytes: Int]
    /// The rank of each single byte, indexed by the byte.
    private let byteRanks: [Int]

    /// The number of tokens.
    public var count: Int { ranks.count }

    /// Loads a `.tiktoken` file; throws with the file's path (and the line, for a malformed line).
    public init(contentsOf url: URL) throws(TokenizerError) {
        let contents: Data
        do {
            contents = try Data(contentsOf: url)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        try self.init(parsing: Array(contents), path: url.path)
    }

    /// Parses the contents of a `.tiktoken` file; `path` only names the file in errors.
    init(parsing contents: [UInt8], path: String) throws(TokenizerError) {
        let file = try TiktokenFile(parsing: contents, path: path)
        var ranks = [TokenBytes: Int](minimumCapacity: file.tokens.count)
        for token in file.tokens {
            let earlierRank = ranks.updateValue(token.rank, forKey: TokenBytes(bytes: file.bytes[token.range]))
            if earlierRank != nil {
                throw .malformedLine(path: path, line: token.line, reason: "token repeats the bytes of an earlier line")
            }
        }
        var byteRanks: [Int] = []
        byteRanks.reserveCapacity(256)
        for byte in UInt8.min...UInt8.max {
            guard let rank = ranks[TokenBytes(bytes: [byte][...])] else { throw .missingByteToken(path: path, byte: byte) }
            byteRanks.append(rank)
        }
        self.ranks = ranks
        self.byteRanks = byteRanks
    }

    /// The rank of the token whose bytes are exactly `bytes`; nil when no token has them.
    func rank(of bytes: ArraySlice<UInt8>) -> Int? { ranks[TokenBytes(bytes: bytes)] }

    /// The rank of the single-byte token `byte` (every byte has one).
    func rank(ofByte byte: UInt8) -> Int { byteRanks[Int(byte)] }
}
