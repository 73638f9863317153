import Foundation
import LanternPluginSDK
import Testing

@Suite("ISO-8601 codec")
struct ISO8601TimestampTests {
    @Test func writesUTCWithMillisecondsAndZeroPadding() {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_714_564_800.123)) == "2024-05-01T12:00:00.123Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 1_709_243_998.007)) == "2024-02-29T21:59:58.007Z")
        // Milliseconds are cut, not rounded: .9999 s stays in its second.
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 59.9999)) == "1970-01-01T00:00:59.999Z")
    }

    @Test func beforeTheEpochYearZeroNegativeYearsAndPastYear9999() {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00.000Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
        // Proleptic Gregorian: year 0 is a leap year, year -1 is not.
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -62_167_219_200)) == "0000-01-01T00:00:00.000Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -62_198_755_200)) == "-0001-01-01T00:00:00.000Z")
    }

    @Test func nonFiniteAndHugeDatesAreClampedNotTrapped() {
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: .infinity)).hasPrefix("287168-"))
        #expect(ISO8601Timestamp.format(Date(timeIntervalSince1970: -.infinity)).hasPrefix("-283"))
    }

    /// Within the four-digit years the parser takes (a wider year is written, never read back).
    @Test func parsesWhatItWrites() {
        for seconds in [0, 1_714_564_800.25, -62_167_219_200, 253_402_300_799.5, -0.5] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601Timestamp.parse(ISO8601Timestamp.format(date)) == date)
        }
    }

    @Test(arguments: [
        ("2024-05-01", 1_714_521_600.0),
        ("2024-05-01T12:00", 1_714_564_800),
        ("2024-05-01T12:00:00Z", 1_714_564_800),
        ("2024-05-01t12:00:00z", 1_714_564_800),
        ("2024-05-01 12:00:00", 1_714_564_800),
        ("2024-05-01T12:00:00.5Z", 1_714_564_800.5),
        ("2024-05-01T12:00:00,25Z", 1_714_564_800.25),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800),
        ("2024-05-01T14:00:00+0200", 1_714_564_800),
        ("2024-05-01T10:00:00-02", 1_714_564_800),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
    ])
    func acceptsTheGrammar(text: String, seconds: Double) {
        #expect(ISO8601Timestamp.parse(text) == Date(timeIntervalSince1970: seconds), "\(text)")
    }

    @Test(arguments: [
        "", "2024", "2024-5-01", "2024-13-01", "2024-00-10", "2024-05-32", "2024-05-01T", "2024-05-01T24:00",
        "2024-05-01T12:60", "2024-05-01T12:00:61", "2024-05-01T12:00:00.", "2024-05-01T12:00:00Zjunk",
        " 2024-05-01", "2024-05-01 ", "2024-05-01T12:00:00+25:00", "2024-05-01T12:00:00+02:7", "２０２４-05-01",
        "2024-05-01T12:00:00.\u{0}", String(repeating: "9", count: 100),
    ])
    func refusesMalformedText(text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil, "\(text)")
    }
}
