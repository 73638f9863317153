/// Masks one string with a plan: every detector scans the original text, overlapping matches are settled (the
/// earliest start wins, then the longest, then the detector earlier in the masking order), and the winners are
/// replaced in one pass. Scanning the original rather than a partly masked text keeps a replacement (whose hash has
/// digits) from being matched again.
struct TextMasker: Sendable {
    let replacer: Replacer

    /// One match of one plan entry.
    private struct Candidate {
        let range: Range<Int>
        let entry: Int
    }

    /// The masked text, or nil when nothing matched (the caller keeps the original, sharing its storage).
    func mask(_ text: String, plan: MaskingPlan, tally: inout DetectionTally) -> String? {
        guard !plan.isEmpty, !text.isEmpty else { return nil }
        let scanned = ScannedText(text)
        var candidates: [Candidate] = []
        for (index, entry) in plan.entries.enumerated() {
            for range in entry.detector.matches(in: scanned) where !range.isEmpty && range.lowerBound >= 0 && range.upperBound <= scanned.count {
                candidates.append(Candidate(range: range, entry: index))
            }
        }
        guard !candidates.isEmpty else { return nil }
        candidates.sort { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.count != b.range.count { return a.range.count > b.range.count }
            return a.entry < b.entry
        }
        var output: [UInt8] = []
        output.reserveCapacity(scanned.count)
        var cursor = 0
        for candidate in candidates where candidate.range.lowerBound >= cursor {
            let entry = plan.entries[candidate.entry]
            output.append(contentsOf: scanned.bytes[cursor..<candidate.range.lowerBound])
            let token = replacer.token(for: scanned.text(candidate.range), detector: entry.detector.name, replacement: entry.replacement)
            output.append(contentsOf: token.utf8)
            tally.add(entry.detector.name)
            cursor = candidate.range.upperBound
        }
        output.append(contentsOf: scanned.bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }

    /// The replacement of a JSON number for a plan whose card or phone rule sets `numbers: true`, or nil to keep it.
    /// Only whole numbers count; their digits are judged as the detector judges a written number.
    func mask(_ number: Double, plan: MaskingPlan, tally: inout DetectionTally) -> String? {
        guard !plan.numberEntries.isEmpty, number >= 0, let integer = UInt64(exactly: number) else { return nil }
        let digits = ScannedText(String(integer))
        for entry in plan.numberEntries {
            guard let detector = entry.detector as? any NumberDetector, detector.matchesNumber(digits: digits) else { continue }
            tally.add(entry.detector.name)
            return replacer.token(for: digits.string, detector: entry.detector.name, replacement: entry.replacement)
        }
        return nil
    }
}
