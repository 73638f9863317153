import Foundation
import LanternPluginSDK

/// Finds the tiktoken encoding of a model definition's tokenizer, loading each vocabulary from a directory on first
/// use and keeping it (or the error that loading it raised) for the life of the registry.
public final class TokenizerRegistry: Sendable {
    private let directory: URL
    private let encodings = LockedValue<[TiktokenEncodingName: Result<TiktokenEncoding, TokenizerError>]>([:])

    /// A registry reading vocabulary files (`o200k_base.tiktoken`, …) from `directory`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// The encoding that counts tokens for a model whose tokenizer is `tokenizerID` with settings `tokenizerConfig`.
    ///
    /// nil (no guess) unless the tokenizer is `openai` and the config's `tokenizerModel` is an OpenAI model
    /// ``TiktokenEncodingName/forOpenAIModel(_:)`` knows; throws when that encoding's vocabulary cannot be loaded.
    public func encoding(tokenizerID: String?, tokenizerConfig: JSONValue?) throws(TokenizerError) -> TiktokenEncoding? {
        guard tokenizerID == "openai",
              let model = tokenizerConfig?.objectValue?["tokenizerModel"]?.stringValue,
              let name = TiktokenEncodingName.forOpenAIModel(model)
        else { return nil }
        return try encoding(named: name)
    }

    /// The encoding `name`, loaded on first use. Loading holds the registry's lock, so callers asking meanwhile wait
    /// for it rather than load the same file twice.
    public func encoding(named name: TiktokenEncodingName) throws(TokenizerError) -> TiktokenEncoding {
        let directory = directory
        return try encodings.withLock { loaded in
            if let result = loaded[name] { return result }
            let result = Result { () throws(TokenizerError) in try TiktokenEncoding(name: name, directory: directory) }
            loaded[name] = result
            return result
        }.get()
    }
}
