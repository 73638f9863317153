import Foundation
import Testing
@testable import LanternCore

@Suite("Timestamp formatting")
struct TimestampFormatTests {
    @Test func writesUTCWithMillisecondsAndZeroPadding() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_714_564_800.123)) == "2024-05-01T12:00:00.123Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_709_243_998.007)) == "2024-02-29T21:59:58.007Z")
        // Milliseconds are cut, not rounded: .9999 s stays in its second.
        #expect(Timestamp.format(Date(timeIntervalSince1970: 59.9999)) == "1970-01-01T00:00:59.999Z")
    }

    @Test func beforeTheEpochYearZeroNegativeYearsAndPastYear9999() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59.500Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
        // Proleptic Gregorian: year 0 is a leap year, year -1 is not.
        #expect(Timestamp.format(Date(timeIntervalSince1970: -62_167_219_200)) == "0000-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -62_198_755_200)) == "-0001-01-01T00:00:00.000Z")
    }

    @Test func parsesWhatItWrites() {
        let date = Date(timeIntervalSince1970: 1_714_564_800.25)
        #expect(Timestamp.parse(Timestamp.format(date)) == date)
    }
}
