/// The built-in detectors by name, in masking order: the longest and most specific first (key blocks, tokens,
/// secrets), then IBAN, card, e-mail, phone, SSN, IP; custom patterns come after all of them. The order breaks ties
/// between matches that start at the same place with the same length.
enum DetectorCatalog {
    static let builtIns: [any Detector] = [
        PrivateKeyDetector(), JWTDetector(), AnthropicKeyDetector(), OpenAIKeyDetector(), AWSAccessKeyDetector(),
        GitHubTokenDetector(), SecretAssignmentDetector(), IBANDetector(), CreditCardDetector(), EmailDetector(),
        PhoneDetector(), SSNDetector(), IPv4Detector(), IPv6Detector(),
    ]

    /// The name a rule gives for its own pattern.
    static let customName = "custom"

    /// Every name a rule's `detector` may take.
    static var knownNames: [String] { builtIns.map { $0.name } + [customName] }

    /// The built-in detector called `name` and its rank in the masking order. Case, `_` and `-` are ignored, so
    /// `creditCard`, `credit_card` and `credit-card` are the same detector.
    static func builtIn(named name: String) -> (detector: any Detector, rank: Int)? {
        let wanted = folded(name)
        guard let rank = builtIns.firstIndex(where: { folded($0.name) == wanted }) else { return nil }
        return (builtIns[rank], rank)
    }

    /// `name` without case, `_` or `-`.
    static func folded(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }
}
