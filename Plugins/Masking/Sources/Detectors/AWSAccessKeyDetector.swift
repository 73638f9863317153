/// AWS access key ids: `AKIA` (long-term) or `ASIA` (temporary) and exactly 16 capital letters or digits.
struct AWSAccessKeyDetector: Detector {
    var name: String { "aws_access_key" }

    private static let prefixes = [ASCII.bytes("AKIA"), ASCII.bytes("ASIA")]

    func matches(in text: ScannedText) -> [Range<Int>] {
        TokenScanner.scan(text, lead: UInt8(ascii: "A"), prefixes: Self.prefixes,
                          body: { ASCII.isUpper($0) || ASCII.isDigit($0) }, lengths: 16...16)
    }
}
