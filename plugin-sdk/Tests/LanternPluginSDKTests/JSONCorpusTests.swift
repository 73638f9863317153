import Foundation
import LanternPluginSDK
import Testing

/// The SDK's JSON parser against a corpus of documents, one test case per file, so a regression names the document.
///
/// `JSONCorpus/valid/NAME.json` must parse, and the writer must turn it into exactly `NAME.canonical` (sorted keys,
/// shortest numbers, short escapes), which parses back to the same value: the expected text is the oracle that a
/// plain round-trip lacks (a parser that mis-decodes a surrogate pair would read its own output back just as wrongly).
/// `JSONCorpus/invalid/*.json` must be refused, without trapping: not RFC 8259 JSON (trailing commas, lone surrogates,
/// raw control characters, a byte-order mark, which RFC 8259 lets a parser refuse) or beyond the parser's limits
/// (more than ``JSONValue/defaultMaxDepth`` levels, numbers that overflow a `Double`).
@Suite("JSON parser corpus")
struct JSONCorpusTests {
    @Test func corpusIsPresent() {
        #expect(JSONCorpus.names(in: "valid").count >= 20, "valid documents found in \(JSONCorpus.root.path)")
        #expect(JSONCorpus.names(in: "invalid").count >= 50, "invalid documents found in \(JSONCorpus.root.path)")
    }

    @Test(arguments: JSONCorpus.names(in: "valid"))
    func validDocumentIsWrittenCanonically(name: String) throws {
        let value = try #require(JSONValue.parse(try JSONCorpus.text("valid/\(name).json")), "the parser accepts it")
        let written = try #require(value.canonicalJSONText, "the writer writes it")
        let expected = try JSONCorpus.text("valid/\(name).canonical").trimmingCharacters(in: .newlines)
        #expect(written == expected, "canonical text")
        #expect(JSONValue.parse(written) == value, "the parser reads the writer's text back to the same value")
    }

    @Test(arguments: JSONCorpus.names(in: "invalid"))
    func invalidDocumentIsRefused(name: String) throws {
        // Compared with `.none`: a bare `nil` would mean JSON null here (JSONValue is ExpressibleByNilLiteral).
        #expect(JSONValue.parse(try JSONCorpus.text("invalid/\(name).json")) == Optional<JSONValue>.none)
    }
}

/// The corpus folder, copied into the test bundle as a resource.
enum JSONCorpus {
    static var root: URL { Bundle.module.bundleURL.appendingPathComponent("JSONCorpus") }

    /// The documents of `folder` by name (file name without `.json`), sorted; empty when the folder is missing,
    /// which `corpusIsPresent` reports.
    static func names(in folder: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The file's bytes as text, kept as they are: a byte-order mark or a NUL byte reaches the parser.
    static func text(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(relativePath)), as: UTF8.self)
    }
}
