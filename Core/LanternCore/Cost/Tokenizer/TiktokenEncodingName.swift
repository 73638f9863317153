/// The tiktoken encodings Lantern ships vocabularies for.
public enum TiktokenEncodingName: String, Sendable, CaseIterable {
    /// GPT-4o, GPT-4.1, GPT-4.5, GPT-5 and the o-series reasoning models.
    case o200kBase = "o200k_base"
    /// GPT-4, GPT-3.5 Turbo and the text-embedding-3 and ada-002 embedding models.
    case cl100kBase = "cl100k_base"

    /// The vocabulary file's name, e.g. `o200k_base.tiktoken`.
    public var fileName: String { "\(rawValue).tiktoken" }

    /// How the encoding splits text before byte-pair merging.
    var preTokenizer: PreTokenizer {
        switch self {
        case .o200kBase: .o200k
        case .cl100kBase: .cl100k
        }
    }
}
