extension TiktokenEncodingName {
    /// The encoding of an OpenAI model name as tiktoken's `encoding_name_for_model` maps it (exact names first,
    /// then name prefixes); nil for models it maps to no encoding Lantern ships, or does not know.
    public static func forOpenAIModel(_ model: String) -> TiktokenEncodingName? {
        if let name = modelEncodings[model] { return name }
        return modelPrefixEncodings.first { model.hasPrefix($0.prefix) }?.encoding
    }

    /// tiktoken's `MODEL_TO_ENCODING`, for the encodings Lantern ships, plus `gpt-4.5` (`gpt-5` is a prefix below).
    private static let modelEncodings: [String: TiktokenEncodingName] = [
        // reasoning
        "o1": .o200kBase, "o3": .o200kBase, "o4-mini": .o200kBase,
        // chat
        "gpt-4.5": .o200kBase, "gpt-4.1": .o200kBase, "gpt-4o": .o200kBase,
        "gpt-4": .cl100kBase, "gpt-3.5-turbo": .cl100kBase, "gpt-3.5": .cl100kBase, "gpt-35-turbo": .cl100kBase,
        // base
        "davinci-002": .cl100kBase, "babbage-002": .cl100kBase,
        // embeddings
        "text-embedding-ada-002": .cl100kBase, "text-embedding-3-small": .cl100kBase, "text-embedding-3-large": .cl100kBase,
    ]

    /// tiktoken's `MODEL_PREFIX_TO_ENCODING`, for the encodings Lantern ships, in tiktoken's order; `gpt-5` without
    /// tiktoken's trailing dash, so that point releases (`gpt-5.1`) map too.
    private static let modelPrefixEncodings: [(prefix: String, encoding: TiktokenEncodingName)] = [
        ("o1-", .o200kBase), ("o3-", .o200kBase), ("o4-mini-", .o200kBase),
        ("gpt-5", .o200kBase), ("gpt-4.5-", .o200kBase), ("gpt-4.1-", .o200kBase),
        ("chatgpt-4o-", .o200kBase), ("gpt-4o-", .o200kBase),
        ("gpt-4-", .cl100kBase), ("gpt-3.5-turbo-", .cl100kBase), ("gpt-35-turbo-", .cl100kBase),
        // tiktoken's o200k_harmony: o200k_base plus special tokens, which Lantern encodes as ordinary text anyway.
        ("gpt-oss-", .o200kBase),
        // fine-tuned
        ("ft:gpt-4o", .o200kBase), ("ft:gpt-4", .cl100kBase), ("ft:gpt-3.5-turbo", .cl100kBase),
        ("ft:davinci-002", .cl100kBase), ("ft:babbage-002", .cl100kBase),
    ]
}
