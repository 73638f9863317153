/// Anthropic API keys: `sk-ant-` (as in `sk-ant-api03-…`) and at least 20 more characters of letters, digits, `_` and
/// `-`, mixing letters and digits.
struct AnthropicKeyDetector: Detector {
    var name: String { "anthropic_key" }

    private static let prefixes = [ASCII.bytes("sk-ant-")]

    func matches(in text: ScannedText) -> [Range<Int>] {
        TokenScanner.scan(text, lead: UInt8(ascii: "s"), prefixes: Self.prefixes, body: ASCII.isBase64URL, lengths: 20...512,
                          accept: TokenScanner.looksRandom)
    }
}
