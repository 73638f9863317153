/// OpenAI API keys: `sk-` (including `sk-proj-`, `sk-svcacct-`, `sk-admin-`) and at least 20 more characters of
/// letters, digits, `_` and `-`, mixing letters and digits. Anthropic's `sk-ant-` keys are left to their own detector.
struct OpenAIKeyDetector: Detector {
    var name: String { "openai_key" }

    private static let prefixes = [ASCII.bytes("sk-")]

    func matches(in text: ScannedText) -> [Range<Int>] {
        TokenScanner.scan(text, lead: UInt8(ascii: "s"), prefixes: Self.prefixes, body: ASCII.isBase64URL, lengths: 20...512) { body in
            !body.starts(with: "ant-".utf8) && TokenScanner.looksRandom(body)
        }
    }
}
