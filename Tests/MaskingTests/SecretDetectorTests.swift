import Testing
@testable import Masking

/// API keys, tokens, key blocks and `key=value` secrets, with ordinary words that share their prefixes.
@Suite struct SecretDetectorTests {
    private static let ghp = "ghp_" + String(repeating: "a1B2c3", count: 6)

    @Test func openAIKeys() {
        let detector = OpenAIKeyDetector()
        #expect(Fixtures.found(detector, "key sk-proj-Abc123Def456Ghi789Jkl012 set") == ["sk-proj-Abc123Def456Ghi789Jkl012"])
        #expect(Fixtures.found(detector, "OPENAI_API_KEY=sk-1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJ")
            == ["sk-1234567890abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"])
        #expect(Fixtures.found(detector, "sk-svcacct-Zz9_Yy8-Xx7Ww6Vv5Uu4Tt3").count == 1)
    }

    @Test(arguments: [
        "see the task-list for details",              // sk- inside a word
        "risk-free-investment-opportunity-today",     // ditto
        "sk-short1",                                  // too short
        "sk-this-is-a-long-hyphenated-phrase-without-digits",  // no digits: words, not a key
        "sk-ant-api03-Xyz789Abc123Def456Ghi",         // Anthropic's, not OpenAI's
        "desk-1234567890abcdefghijklmnop",            // glued to a word
    ])
    func notOpenAIKeys(text: String) {
        #expect(Fixtures.found(OpenAIKeyDetector(), text).isEmpty, "\(text)")
    }

    @Test func anthropicKeys() {
        let detector = AnthropicKeyDetector()
        #expect(Fixtures.found(detector, "x-api-key: sk-ant-api03-Xyz789Abc123Def456Ghi\n") == ["sk-ant-api03-Xyz789Abc123Def456Ghi"])
        #expect(Fixtures.found(detector, "sk-ant-short1").isEmpty)
        #expect(Fixtures.found(detector, "task-ant-api03-Xyz789Abc123Def456Ghi").isEmpty)
    }

    @Test func awsAccessKeys() {
        let detector = AWSAccessKeyDetector()
        #expect(Fixtures.found(detector, "aws_access_key_id = AKIAIOSFODNN7EXAMPLE") == ["AKIAIOSFODNN7EXAMPLE"])
        #expect(Fixtures.found(detector, "ASIAY34FZKBOKMUTVV7A,") == ["ASIAY34FZKBOKMUTVV7A"])
        #expect(Fixtures.found(detector, "AKIAIOSFODNN7EXAMPL").isEmpty)      // 15 characters
        #expect(Fixtures.found(detector, "AKIAIOSFODNN7EXAMPLEX").isEmpty)    // 17
        #expect(Fixtures.found(detector, "AKIAiosfodnn7example").isEmpty)     // lower case
        #expect(Fixtures.found(detector, "XAKIAIOSFODNN7EXAMPLE").isEmpty)    // inside a word
        #expect(Fixtures.found(detector, "ASIAN CUISINE").isEmpty)
    }

    @Test func gitHubTokens() {
        let detector = GitHubTokenDetector()
        let fineGrained = "github_pat_11ABCDEFG0123456789abc_" + String(repeating: "x1", count: 20)
        #expect(Fixtures.found(detector, "token \(Self.ghp) end") == [Self.ghp])
        #expect(Fixtures.found(detector, "gho_" + String(repeating: "Q", count: 36)).count == 1)
        #expect(Fixtures.found(detector, fineGrained + " and " + Self.ghp) == [fineGrained, Self.ghp])
        #expect(Fixtures.found(detector, "ghp_tooShort123").isEmpty)
        #expect(Fixtures.found(detector, "the ghp_ prefix").isEmpty)
        #expect(Fixtures.found(detector, "github_pat_short").isEmpty)
    }

    @Test func jwts() {
        let detector = JWTDetector()
        #expect(Fixtures.found(detector, "Authorization: Bearer \(Planted.jwt)") == [Planted.jwt])
        // An unsigned token (alg none) has an empty signature.
        let unsigned = "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."
        #expect(Fixtures.found(detector, unsigned + " end") == [unsigned])
    }

    @Test(arguments: [
        "eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.c2ln",   // header {"foo":"bar"}: no alg
        "eyJhbGciOi.eyJzdWIiOiIxIn0.c2ln",           // header that does not decode to JSON
        "eyJhbGciOiJIUzI1NiJ9.c2ln",                 // two parts
        "eyJhbGciOiJIUzI1NiJ9..c2ln",                // empty payload
        "a.b.c",
        "file.name.ext",
    ])
    func notJWTs(text: String) {
        #expect(Fixtures.found(JWTDetector(), text).isEmpty, "\(text)")
    }

    @Test func privateKeyBlocks() {
        let detector = PrivateKeyDetector()
        #expect(Fixtures.found(detector, "key:\n\(Planted.privateKey)\nbye") == [Planted.privateKey])
        let openSSH = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----"
        #expect(Fixtures.found(detector, openSSH) == [openSSH])
        // Cut off before its END line: the base64 body is masked, the prose after it is not.
        let truncated = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7 and then"
        #expect(Fixtures.found(detector, truncated) == ["-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7"])
        // Public keys and certificates are not secrets.
        #expect(Fixtures.found(detector, "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----").isEmpty)
        #expect(Fixtures.found(detector, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----").isEmpty)
    }

    @Test(arguments: [
        ("password=hunter2", "hunter2"),
        ("login with passwd: s3cr3t!x then", "s3cr3t!x"),
        ("https://x.example/cb?api_key=abc123&page=2", "abc123"),
        ("apikey:ZXY987", "ZXY987"),
        ("client_secret = 'q1w2e3r4'", "q1w2e3r4"),
        (#"{"token": "tok_live_123"}"#, "tok_live_123"),
        (#"{\"password\": \"hunter2\"}"#, "hunter2"),
        ("X-Api-Key: key-abc", "key-abc"),
        ("DB.PASSWORD=pa55", "pa55"),
    ])
    func secretAssignments(text: String, expected: String) {
        #expect(Fixtures.found(SecretAssignmentDetector(), text) == [expected])
    }

    @Test(arguments: [
        "max_tokens=512",
        "tokenizer: cl100k_base",
        "password reset requested",
        "token:",
        "secret == other",
        "password=[REDACTED:secret]",
        "token: ****",
        "passwords=many",
    ])
    func notSecretAssignments(text: String) {
        #expect(Fixtures.found(SecretAssignmentDetector(), text).isEmpty, "\(text)")
    }

    @Test func secretKeyNames() {
        for key in ["password", "Password", "api_key", "x-api-key", "client_secret", "access_token", "db.passwd", "apikey"] {
            #expect(SecretAssignmentDetector.isSecretKey(key), "\(key)")
        }
        for key in ["max_tokens", "tokenizer", "token_count", "secretary", "passwords", "mytoken", ""] {
            #expect(!SecretAssignmentDetector.isSecretKey(key), "\(key)")
        }
    }
}
