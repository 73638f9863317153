import Testing
@testable import Masking

/// Masking whole texts with every built-in detector: replacement forms, overlaps, Unicode around matches.
@Suite struct TextMaskingTests {
    @Test func replacementForms() {
        #expect(Fixtures.masked("mail john@example.com or call +1 415-555-2671")
            == "mail [REDACTED:email] or call [REDACTED:phone]")
        #expect(Fixtures.masked("card 4111 1111 1111 1111, iban DE89 3704 0044 0532 0130 00.")
            == "card [REDACTED:credit_card], iban [REDACTED:iban].")
        #expect(Fixtures.masked("password=hunter2 from 10.1.2.3") == "password=[REDACTED:secret] from [REDACTED:ipv4]")
    }

    @Test func everyPlantedValueIsFoundByItsDetector() {
        for (detector, value) in Planted.values {
            #expect(Fixtures.masked("before \(value) after") == "before [REDACTED:\(detector)] after", "\(detector): \(value)")
        }
    }

    @Test func textWithoutMatchesIsReturnedAsIs() {
        for text in ["", "plain words only", "order 123456789012 shipped on 2024-01-15 10:30", "version 1.2.3.4.5 and v1.2.3.4",
                     "see the task-list", "max_tokens=512"] {
            #expect(Fixtures.masked(text) == text, "\(text)")
        }
    }

    @Test func theEarliestLongestMatchWins() {
        // The IBAN starts first; a phone-shaped tail inside it does not split it.
        #expect(Fixtures.masked("DE89 3704 0044 0532 0130 00") == "[REDACTED:iban]")
        // An e-mail whose local part is digits is an e-mail, not a card or phone.
        #expect(Fixtures.masked("4111111111111111@example.com") == "[REDACTED:email]")
        // A secret's value that is also a card: same start and length, the secret detector comes first in the order.
        #expect(Fixtures.masked("token=4111111111111111") == "token=[REDACTED:secret]")
        // An IPv4 tail of an IPv6 address stays inside the IPv6 match.
        #expect(Fixtures.masked("::ffff:192.0.2.128") == "[REDACTED:ipv6]")
        // A JWT inside a secret assignment: the assignment's value starts at the same place and is as long.
        #expect(Fixtures.masked("token=\(Planted.jwt)") == "token=[REDACTED:jwt]")
    }

    @Test func unicodeAroundMatchesSurvives() {
        #expect(Fixtures.masked("📧 anna@example.de — réponse ✓") == "📧 [REDACTED:email] — réponse ✓")
        #expect(Fixtures.masked("日本語 192.168.0.1 テキスト") == "日本語 [REDACTED:ipv4] テキスト")
        #expect(Fixtures.masked("e\u{301} 4111111111111111") == "e\u{301} [REDACTED:credit_card]")
    }

    @Test func hashedReplacementsAreStablePerProjectAndDifferAcrossProjects() {
        let secret = "0123456789abcdef-secret"
        let first = ProjectHasher(secret: secret, projectID: "project-a")
        let again = ProjectHasher(secret: secret, projectID: "project-a")
        let other = ProjectHasher(secret: secret, projectID: "project-b")
        #expect(first.digest("john@example.com") == again.digest("john@example.com"))
        #expect(first.digest("john@example.com") != other.digest("john@example.com"))
        #expect(first.digest("john@example.com") != first.digest("jane@example.com"))
        #expect(first.digest("x").count == 12)
        #expect(first.digest("x").allSatisfy { $0.isHexDigit && !$0.isUppercase })
        // A different secret gives different tokens for the same project.
        #expect(ProjectHasher(secret: secret + "!", projectID: "project-a").digest("x") != first.digest("x"))
    }

    @Test func hashMatchesHMACOfTheProjectKey() {
        // HMAC-SHA256(key: "0123456789abcdef", "p") = projectKey; HMAC-SHA256(projectKey, "v"), first 6 bytes, computed
        // independently (Python's hmac module).
        #expect(ProjectHasher(secret: "0123456789abcdef", projectID: "p").digest("v") == "bf1079eb13b5")
    }
}
