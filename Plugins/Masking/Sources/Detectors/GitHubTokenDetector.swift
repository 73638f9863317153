/// GitHub tokens: `ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_` and at least 36 letters or digits (classic tokens have
/// exactly 36), and fine-grained `github_pat_` tokens (at least 22 letters, digits or `_`).
struct GitHubTokenDetector: Detector {
    var name: String { "github_token" }

    private static let classic = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].map(ASCII.bytes)
    private static let fineGrained = [ASCII.bytes("github_pat_")]

    func matches(in text: ScannedText) -> [Range<Int>] {
        let classic = TokenScanner.scan(text, lead: UInt8(ascii: "g"), prefixes: Self.classic, body: ASCII.isAlphanumeric, lengths: 36...255)
        let fineGrained = TokenScanner.scan(text, lead: UInt8(ascii: "g"), prefixes: Self.fineGrained, body: ASCII.isWord,
                                            lengths: 22...255)
        // The two prefixes cannot overlap (`ghp_` vs `github_pat_`), so merging keeps the order and no overlap.
        return (classic + fineGrained).sorted { $0.lowerBound < $1.lowerBound }
    }
}
