/// Why a tokenizer vocabulary could not be loaded.
public enum TokenizerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The vocabulary file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A line of the vocabulary file is not `base64(bytes) rank`, or repeats a token or a rank.
    case malformedLine(path: String, line: Int, reason: String)
    /// The vocabulary lacks a single-byte token, so some text could not be encoded.
    case missingByteToken(path: String, byte: UInt8)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "\(path): cannot read tokenizer vocabulary: \(reason)"
        case .malformedLine(let path, let line, let reason):
            "\(path):\(line): \(reason)"
        case .missingByteToken(let path, let byte):
            "\(path): tokenizer vocabulary has no token for the single byte \(byte) (every byte needs one)"
        }
    }
}
