import Testing
@testable import Masking

/// E-mail addresses and phone numbers: what is found (exactly which characters) and the look-alikes that are not.
@Suite struct ContactDetectorTests {
    @Test(arguments: [
        ("write to john.doe@example.com today", "john.doe@example.com"),
        ("<bob+tag@mail.example.org>", "bob+tag@mail.example.org"),
        ("mailto:ops_team-1@corp.co.uk.", "ops_team-1@corp.co.uk"),
        ("\"x%y@sub-domain.example.io\"", "x%y@sub-domain.example.io"),
        ("Grüße an anna@example.de!", "anna@example.de"),
        ("end of sentence: a@b.co.", "a@b.co"),
    ])
    func emails(text: String, expected: String) {
        #expect(Fixtures.found(EmailDetector(), text) == [expected])
    }

    @Test(arguments: [
        "no at sign here",
        "user@localhost",
        "@handle on social media",
        "name@ and more",
        "a@b.c",
        "john..doe@example.com",
        "x@-example.com",
        "ref@123.456",
        "pkg@1.2.3 is a version pin",
    ])
    func notEmails(text: String) {
        #expect(Fixtures.found(EmailDetector(), text).isEmpty, "\(text)")
    }

    @Test func twoEmailsInOneText() {
        #expect(Fixtures.found(EmailDetector(), "a@example.com,b@example.org") == ["a@example.com", "b@example.org"])
    }

    @Test(arguments: [
        ("call +1 415-555-2671 now", "+1 415-555-2671"),
        ("+1 (415) 555-2671", "+1 (415) 555-2671"),
        ("tel:+14155552671", "+14155552671"),
        ("office +44 (0)20 7946 0958.", "+44 (0)20 7946 0958"),
        ("+49-30-12345678", "+49-30-12345678"),
        ("+33 1 23 45 67 89", "+33 1 23 45 67 89"),
        ("+1.415.555.2671", "+1.415.555.2671"),
        ("+86 138 0013 8000", "+86 138 0013 8000"),
        ("(415) 555-2671", "(415) 555-2671"),
        ("(415)555-2671", "(415)555-2671"),
        ("415-555-2671", "415-555-2671"),
        ("415.555.2671", "415.555.2671"),
        ("1 415 555 2671", "1 415 555 2671"),
        ("UK 020 7946 0958", "020 7946 0958"),
        ("mobile 07700 900123", "07700 900123"),
        ("(030) 12345678", "(030) 12345678"),
        ("01 23 45 67 89", "01 23 45 67 89"),
        ("call (415) 555-2671 10 times", "(415) 555-2671"),
        ("415-555-2671 (mobile)", "415-555-2671"),
    ])
    func phones(text: String, expected: String) {
        #expect(Fixtures.found(PhoneDetector(), text) == [expected])
    }

    @Test(arguments: [
        "order 123456789012",              // a long id
        "at 1700000000123 ms",             // a Unix timestamp in milliseconds
        "ts=1700000000",                   // in seconds
        "2024-01-15 10:30:00",             // a date and time
        "2024-01-15-1030",                 // a date with a time suffix
        "192.168.100.200",                 // an IPv4 address
        "pi is 3.14159265358979",          // a decimal
        "+3.14159265358979",               // a signed decimal
        "+12345",                          // too short
        "12 34 56 78 90",                  // a list of small numbers
        "123 456 7890",                    // an area code cannot start with 1
        "ids 12345 67890",                 // two numbers
        "v415-555-2671",                   // glued to a letter
        "ISBN 978-3-16-148410-0",          // an ISBN
        "+1234567890123456",               // longer than E.164
        "550e8400-e29b-41d4-a716-446655440000",  // a UUID
        "1,234,567,890",                   // thousands separators
        "415-555-2671-9999",               // runs on after a dash: an id, not a number and a suffix
    ])
    func notPhones(text: String) {
        #expect(Fixtures.found(PhoneDetector(), text).isEmpty, "\(text)")
    }

    @Test func phoneNumbersAsJSONNumbers() {
        let phone = PhoneDetector()
        #expect(phone.matchesNumber(digits: ScannedText("14155552671")))
        #expect(!phone.matchesNumber(digits: ScannedText("123456789")))         // 9 digits
        #expect(!phone.matchesNumber(digits: ScannedText("0123456789")))        // leading zero (not E.164)
        #expect(!phone.matchesNumber(digits: ScannedText("1234567890123456")))  // 16 digits
    }
}
