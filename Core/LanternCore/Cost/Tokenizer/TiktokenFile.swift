/// The lines of a `.tiktoken` file, decoded: every token's bytes in one buffer, with each token's place, rank and line.
///
/// The format is one `base64(bytes) rank` line per token; blank lines are skipped. Ranks must be whole numbers
/// that grow from line to line (OpenAI's files list ranks 0, 1, 2, …), which also rules out a repeated rank.
struct TiktokenFile {
    /// One token of the file.
    struct Token {
        /// Where the token's bytes are in ``TiktokenFile/bytes``.
        let range: Range<Int>
        /// The token's rank, which is also its id.
        let rank: Int
        /// 1-based line number, for error messages.
        let line: Int
    }

    /// The bytes of all tokens, one after the other.
    private(set) var bytes: [UInt8] = []
    /// The tokens in file order.
    private(set) var tokens: [Token] = []

    /// Decodes `contents`; `path` only names the file in errors.
    init(parsing contents: [UInt8], path: String) throws(TokenizerError) {
        bytes.reserveCapacity(contents.count / 2)
        tokens.reserveCapacity(contents.count / 16)
        var lineStart = 0
        var lineNumber = 0
        while lineStart < contents.count {
            lineNumber += 1
            let lineEnd = contents[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? contents.count
            var line = contents[lineStart..<lineEnd]
            lineStart = lineEnd + 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard !line.isEmpty else { continue }
            do throws(LineError) {
                try append(line: line, number: lineNumber)
            } catch {
                throw .malformedLine(path: path, line: lineNumber, reason: error.reason)
            }
        }
    }

    /// Why a line is malformed.
    private struct LineError: Error {
        let reason: String
    }

    private mutating func append(line: ArraySlice<UInt8>, number: Int) throws(LineError) {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else {
            throw LineError(reason: "expected `base64(token bytes) rank`")
        }
        guard let rank = Self.rank(line[(space + 1)...]) else {
            throw LineError(reason: "rank must be a whole number below 1000000000")
        }
        if let previous = tokens.last, rank <= previous.rank {
            throw LineError(reason: "rank \(rank) must be greater than the previous line's rank \(previous.rank)")
        }
        let start = bytes.count
        guard Base64Decoder.decode(line[..<space], appendingTo: &bytes) else {
            throw LineError(reason: "token is not padded base64")
        }
        tokens.append(Token(range: start..<bytes.count, rank: rank, line: number))
    }

    /// A rank written as 1 to 9 decimal digits (so it fits the 32 bits the byte-pair merge packs it in).
    private static func rank(_ digits: ArraySlice<UInt8>) -> Int? {
        guard (1...9).contains(digits.count) else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }
}
