import Foundation

/// A tiktoken byte-pair encoding: splits text into token ids exactly as OpenAI's `tiktoken` does.
///
/// Special tokens such as `<|endoftext|>` get no special treatment: they are encoded as the ordinary text they are
/// (tiktoken's `encode_ordinary`). Immutable and safe to share.
public struct TiktokenEncoding: Sendable {
    /// Which encoding this is.
    public let name: TiktokenEncodingName
    private let vocabulary: TiktokenVocabulary

    /// An encoding from its vocabulary.
    public init(name: TiktokenEncodingName, vocabulary: TiktokenVocabulary) {
        self.name = name
        self.vocabulary = vocabulary
    }

    /// Loads the encoding's vocabulary file (``TiktokenEncodingName/fileName``) from `directory`.
    public init(name: TiktokenEncodingName, directory: URL) throws(TokenizerError) {
        let file = directory.appendingPathComponent(name.fileName, isDirectory: false)
        self.init(name: name, vocabulary: try TiktokenVocabulary(contentsOf: file))
    }

    /// The token ids of `text`.
    public func encode(_ text: String) -> [Int] {
        let bytes = Array(text.utf8)
        var tokens: [Int] = []
        tokens.reserveCapacity(bytes.count / 3)
        var merger = BytePairMerger()
        name.preTokenizer.forEachPiece(of: ClassifiedText(text)) { range in
            let piece = bytes[range]
            if let rank = vocabulary.rank(of: piece) {
                tokens.append(rank)
            } else {
                merger.appendTokens(of: piece, vocabulary: vocabulary, to: &tokens)
            }
        }
        return tokens
    }

    /// The number of tokens in `text`.
    public func countTokens(_ text: String) -> Int { encode(text).count }
}
