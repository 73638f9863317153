import Testing
@testable import Masking

/// Card numbers, IBANs and SSNs: checksums and shapes decide, so near misses (a wrong digit) are tested next to hits.
@Suite struct FinancialDetectorTests {
    @Test(arguments: [
        ("card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111"),
        ("4111111111111111", "4111111111111111"),
        ("5500-0000-0000-0004", "5500-0000-0000-0004"),
        ("amex 378282246310005.", "378282246310005"),
        ("amex 3782 822463 10005", "3782 822463 10005"),
        ("discover 6011 1111 1111 1117", "6011 1111 1111 1117"),
        ("mastercard 2-series 2223000048400011", "2223000048400011"),
        ("ref 12 4111 1111 1111 1111", "4111 1111 1111 1111"),
        ("4111 1111 1111 1111 2029", "4111 1111 1111 1111"),
    ])
    func cards(text: String, expected: String) {
        #expect(Fixtures.found(CreditCardDetector(), text) == [expected])
    }

    @Test(arguments: [
        "4111 1111 1111 1112",          // fails Luhn
        "4111111111111121",             // fails Luhn
        "order 1234567890123456",       // starts with 1 (and fails Luhn)
        "1700000000123",                // a timestamp in milliseconds
        "41111111111111111111",         // 20 digits in one run: longer than any card
        "4111-1111 1111-1111",          // mixed separators
        "41 1111 1111 1111 11",         // not grouped like a card
        "x4111111111111111",            // glued to a letter
        "3.4111111111111111",           // part of a decimal
        "4111111111111111.5",           // ditto
        "79927398713",                  // passes Luhn but too short
    ])
    func notCards(text: String) {
        #expect(Fixtures.found(CreditCardDetector(), text).isEmpty, "\(text)")
    }

    @Test func cardNumbersAsJSONNumbers() {
        let card = CreditCardDetector()
        #expect(card.matchesNumber(digits: ScannedText("4111111111111111")))
        #expect(!card.matchesNumber(digits: ScannedText("4111111111111112")))
        #expect(!card.matchesNumber(digits: ScannedText("1700000000123")))
    }

    @Test(arguments: [
        ("IBAN DE89 3704 0044 0532 0130 00, thanks", "DE89 3704 0044 0532 0130 00"),
        ("DE89370400440532013000", "DE89370400440532013000"),
        ("GB29NWBK60161331926819", "GB29NWBK60161331926819"),
        ("GB29 NWBK 6016 1331 9268 19", "GB29 NWBK 6016 1331 9268 19"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FR14 2004 1010 0505 0001 3M02 606"),
        ("NL91ABNA0417164300", "NL91ABNA0417164300"),
        ("CH9300762011623852957", "CH9300762011623852957"),
        ("XK051212012345678906", "XK051212012345678906"),  // a country not in the length table
    ])
    func ibans(text: String, expected: String) {
        #expect(Fixtures.found(IBANDetector(), text) == [expected])
    }

    @Test(arguments: [
        "DE88 3704 0044 0532 0130 00",  // wrong check digits
        "DE89 3704 0044 0532 0130 01",  // a typo in the account
        "DE89 3704 0044 0532 0130",     // too short for Germany
        "DE89370400440532013000X",      // runs into a letter
        "xDE89370400440532013000",      // glued to a letter
        "de89370400440532013000",       // lower case
        "AB12 is a code",
    ])
    func notIBANs(text: String) {
        #expect(Fixtures.found(IBANDetector(), text).isEmpty, "\(text)")
    }

    @Test(arguments: ["123-45-6789", "ssn: 078-05-1120.", "(555-12-3456)"])
    func ssns(text: String) {
        #expect(Fixtures.found(SSNDetector(), text).count == 1, "\(text)")
    }

    @Test(arguments: [
        "000-12-3456", "666-12-3456", "900-12-3456", "999-12-3456",  // areas never issued
        "123-00-4567", "123-45-0000",                                  // group 00, serial 0000
        "123456789", "123-45-67890", "1123-45-6789", "123-45-6789-1", "A123-45-6789",
    ])
    func notSSNs(text: String) {
        #expect(Fixtures.found(SSNDetector(), text).isEmpty, "\(text)")
    }

    @Test func checksums() {
        #expect(Checksums.luhn(Array("79927398713".utf8)))
        #expect(!Checksums.luhn(Array("79927398710".utf8)))
        #expect(Checksums.ibanMod97(Array("GB82WEST12345698765432".utf8)))
        #expect(!Checksums.ibanMod97(Array("GB82WEST12345698765431".utf8)))
        #expect(!Checksums.ibanMod97(Array("GB8".utf8)))
    }
}
