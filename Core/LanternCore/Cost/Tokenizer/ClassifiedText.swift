/// A text as its scalars' ``ScalarClass``es, with each scalar's UTF-8 length: what pre-tokenization scans.
///
/// Positions are scalar indices; tiktoken's patterns match scalar by scalar.
struct ClassifiedText {
    /// The classes of each scalar.
    private(set) var classes: [ScalarClass] = []
    /// The UTF-8 length of each scalar (1 to 4 bytes; kept this small because texts can be megabytes long).
    private(set) var utf8Widths: [UInt8] = []

    /// Classifies every scalar of `text`.
    init(_ text: String) {
        let scalarCountEstimate = text.utf8.count
        classes.reserveCapacity(scalarCountEstimate)
        utf8Widths.reserveCapacity(scalarCountEstimate)
        for scalar in text.unicodeScalars {
            classes.append(ScalarClass(scalar))
            utf8Widths.append(UInt8(truncatingIfNeeded: UTF8.width(scalar)))
        }
    }

    /// The number of scalars.
    var count: Int { classes.count }

    /// The end of the run of scalars from `start` on that satisfy `predicate` (`start` itself when none does).
    @inline(__always)
    func endOfRun(from start: Int, where predicate: (ScalarClass) -> Bool) -> Int {
        var end = start
        while end < classes.count, predicate(classes[end]) { end += 1 }
        return end
    }

    /// The end of the run of scalars from `start` on that belong to `scalarClass`.
    @inline(__always)
    func endOfRun(from start: Int, in scalarClass: ScalarClass) -> Int {
        endOfRun(from: start) { $0.contains(scalarClass) }
    }

    /// Whether the scalar at `position` exists and belongs to `scalarClass`.
    @inline(__always)
    func scalar(at position: Int, isIn scalarClass: ScalarClass) -> Bool {
        position < classes.count && classes[position].contains(scalarClass)
    }

    /// The end of the contraction `'(?i:[sdmt]|ll|ve|re)` starting at `start`; nil when there is none.
    func endOfContraction(at start: Int) -> Int? {
        guard scalar(at: start, isIn: .apostrophe), start + 1 < classes.count else { return nil }
        let first = classes[start + 1]
        if first.contains(.oneLetterContraction) { return start + 2 }
        guard start + 2 < classes.count else { return nil }
        let second = classes[start + 2]
        let isContraction = (first.contains(.foldsToL) && second.contains(.foldsToL))
            || (first.contains(.foldsToV) && second.contains(.foldsToE))
            || (first.contains(.foldsToR) && second.contains(.foldsToE))
        return isContraction ? start + 3 : nil
    }

    /// The position after the last newline in `range`; nil when `range` holds none.
    func endOfLastNewline(in range: Range<Int>) -> Int? {
        var position = range.upperBound
        while position > range.lowerBound {
            position -= 1
            if classes[position].contains(.newline) { return position + 1 }
        }
        return nil
    }
}
