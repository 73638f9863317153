extension ClassifiedText {
    /// The end of the o200k_base piece that starts at `start` (which must be a valid position).
    ///
    /// Hand-written equivalent of tiktoken's pattern, whose alternatives are tried in order, with the regular
    /// expression engine's backtracking where the letter classes overlap:
    /// ```
    /// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
    /// [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
    /// \p{N}{1,3}
    ///  ?[^\s\p{L}\p{N}]+[\r\n/]*
    /// \s*[\r\n]+
    /// \s+(?!\S)
    /// \s+
    /// ```
    func endOfO200kPiece(from start: Int) -> Int {
        if let end = endOfWord(from: start, body: endOfLowercaseWord) { return end }
        if let end = endOfWord(from: start, body: endOfUppercaseWord) { return end }
        let first = classes[start]
        // \p{N}{1,3}
        if first.contains(.number) { return min(endOfRun(from: start, in: .number), start + 3) }
        // ' '?[^\s\p{L}\p{N}]+[\r\n/]*
        let punctuationStart = first.contains(.space) && start + 1 < count && classes[start + 1].isPunctuation ? start + 1 : start
        if classes[punctuationStart].isPunctuation {
            let punctuationEnd = endOfRun(from: punctuationStart) { $0.isPunctuation }
            return endOfRun(from: punctuationEnd) { !$0.isDisjoint(with: [.newline, .slash]) }
        }
        // Only whitespace is left.
        let whitespaceEnd = endOfRun(from: start, in: .whitespace)
        // \s*[\r\n]+: up to the run's last newline (the scalar after it is no newline)
        if let end = endOfLastNewline(in: start..<whitespaceEnd) { return end }
        // \s+(?!\S): the run when it ends the text, else all but its last scalar
        if whitespaceEnd == count { return whitespaceEnd }
        if whitespaceEnd - start > 1 { return whitespaceEnd - 1 }
        // \s+ (a single scalar here)
        return whitespaceEnd
    }

    /// `[^\r\n\p{L}\p{N}]?` then `body`: with the optional prefix first, as the greedy `?` tries.
    private func endOfWord(from start: Int, body: (Int) -> Int?) -> Int? {
        if classes[start].isWordPrefix, let end = body(start + 1) { return end }
        return body(start)
    }

    /// `[upper]*[lower]+(?i:'s|…)?` from `start`: the upper run backs off until a lower-class scalar follows it.
    private func endOfLowercaseWord(from start: Int) -> Int? {
        var lowerStart = endOfRun(from: start, in: .upperLetterLike)
        while !scalar(at: lowerStart, isIn: .lowerLetterLike) {
            guard lowerStart > start else { return nil }
            lowerStart -= 1
        }
        return endOfOptionalContraction(from: endOfRun(from: lowerStart, in: .lowerLetterLike))
    }

    /// `[upper]+[lower]*(?i:'s|…)?` from `start`.
    private func endOfUppercaseWord(from start: Int) -> Int? {
        let upperEnd = endOfRun(from: start, in: .upperLetterLike)
        guard upperEnd > start else { return nil }
        return endOfOptionalContraction(from: endOfRun(from: upperEnd, in: .lowerLetterLike))
    }

    private func endOfOptionalContraction(from position: Int) -> Int {
        endOfContraction(at: position) ?? position
    }
}
