extension ClassifiedText {
    /// The end of the cl100k_base piece that starts at `start` (which must be a valid position).
    ///
    /// Hand-written equivalent of tiktoken's pattern, whose alternatives are tried in order:
    /// `'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+|\s++$|\s*[\r\n]|\s+(?!\S)|\s`
    func endOfCl100kPiece(from start: Int) -> Int {
        let first = classes[start]
        // '(?i:[sdmt]|ll|ve|re)
        if let end = endOfContraction(at: start) { return end }
        // [^\r\n\p{L}\p{N}]?+\p{L}++  (the prefix never is a letter, so possessiveness changes nothing)
        if first.contains(.letter) { return endOfRun(from: start, in: .letter) }
        if first.isWordPrefix, scalar(at: start + 1, isIn: .letter) { return endOfRun(from: start + 1, in: .letter) }
        // \p{N}{1,3}+
        if first.contains(.number) { return min(endOfRun(from: start, in: .number), start + 3) }
        // ' '?[^\s\p{L}\p{N}]++[\r\n]*+
        let punctuationStart = first.contains(.space) && start + 1 < count && classes[start + 1].isPunctuation ? start + 1 : start
        if classes[punctuationStart].isPunctuation {
            return endOfRun(from: endOfRun(from: punctuationStart) { $0.isPunctuation }, in: .newline)
        }
        // Only whitespace is left.
        let whitespaceEnd = endOfRun(from: start, in: .whitespace)
        // \s++$
        if whitespaceEnd == count { return whitespaceEnd }
        // \s*[\r\n]
        if let end = endOfLastNewline(in: start..<whitespaceEnd) { return end }
        // \s+(?!\S): all but the whitespace right before the next non-whitespace
        if whitespaceEnd - start > 1 { return whitespaceEnd - 1 }
        // \s
        return start + 1
    }
}
