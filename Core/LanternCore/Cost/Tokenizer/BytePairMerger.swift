/// Splits a piece that is not itself a token into tokens, with the result of tiktoken's `_byte_pair_merge`:
/// starting from single bytes, repeatedly join the adjacent pair of parts whose joined bytes form the token of lowest
/// rank (the leftmost such pair on a tie) until no adjacent pair forms a token.
///
/// tiktoken rescans every pair after each join, which is quadratic in the piece's length; here the candidate pairs
/// wait in a min-heap ordered by (rank, position), which yields the same pair at each step in logarithmic time, so a
/// piece megabytes long (a base64 image in a prompt, say) cannot stall the caller.
///
/// Keeps its buffers between pieces; make one per text to encode.
struct BytePairMerger {
    /// A pair of adjacent parts whose joined bytes form a token: the token's rank and the first part's start.
    private struct Candidate: Comparable {
        let rank: Int
        let start: Int

        static func < (lhs: Candidate, rhs: Candidate) -> Bool {
            (lhs.rank, lhs.start) < (rhs.rank, rhs.start)
        }
    }

    /// Marks a part that has no mergeable pair with its successor, or that was joined into its predecessor.
    private static let noPair = Int.max

    // Per part, indexed by the offset of the part's first byte in the piece.
    /// Offset one past the part's last byte (the next part's start).
    private var partEnds: [Int] = []
    /// Start of the part before, -1 for the first part.
    private var previousStarts: [Int] = []
    /// The rank of the part's bytes: its token.
    private var partRanks: [Int] = []
    /// The rank of the part joined with the next one, or ``noPair``.
    private var pairRanks: [Int] = []
    private var candidates = MinHeap<Candidate>()

    /// Appends the tokens of `piece` to `tokens`.
    mutating func appendTokens(of piece: ArraySlice<UInt8>, vocabulary: TiktokenVocabulary, to tokens: inout [Int]) {
        let base = piece.startIndex
        let count = piece.count
        reset(count: count)
        for start in 0..<count {
            partEnds.append(start + 1)
            previousStarts.append(start - 1)
            partRanks.append(vocabulary.rank(ofByte: piece[base + start]))
            pairRanks.append(Self.noPair)
            if start + 1 < count { updatePair(at: start, end: start + 2, piece: piece, vocabulary: vocabulary) }
        }
        while let candidate = candidates.pop() {
            // A candidate is stale once its first part was joined into another or its pair changed.
            guard pairRanks[candidate.start] == candidate.rank else { continue }
            join(at: candidate.start, rank: candidate.rank, piece: piece, vocabulary: vocabulary)
        }
        var start = 0
        while start < count {
            tokens.append(partRanks[start])
            start = partEnds[start]
        }
    }

    private mutating func reset(count: Int) {
        partEnds.removeAll(keepingCapacity: true)
        previousStarts.removeAll(keepingCapacity: true)
        partRanks.removeAll(keepingCapacity: true)
        pairRanks.removeAll(keepingCapacity: true)
        candidates.removeAll()
        partEnds.reserveCapacity(count)
        previousStarts.reserveCapacity(count)
        partRanks.reserveCapacity(count)
        pairRanks.reserveCapacity(count)
    }

    /// Joins the part at `start` with the next one into the token `rank`, then rates the pairs the join changed.
    private mutating func join(at start: Int, rank: Int, piece: ArraySlice<UInt8>, vocabulary: TiktokenVocabulary) {
        let next = partEnds[start]
        let end = partEnds[next]
        partRanks[start] = rank
        partEnds[start] = end
        pairRanks[next] = Self.noPair
        if end < piece.count {
            previousStarts[end] = start
            updatePair(at: start, end: partEnds[end], piece: piece, vocabulary: vocabulary)
        } else {
            pairRanks[start] = Self.noPair
        }
        let previous = previousStarts[start]
        if previous >= 0 { updatePair(at: previous, end: end, piece: piece, vocabulary: vocabulary) }
    }

    /// Rates the pair of parts spanning `start..<end`: a candidate when those bytes form a token.
    private mutating func updatePair(at start: Int, end: Int, piece: ArraySlice<UInt8>, vocabulary: TiktokenVocabulary) {
        let base = piece.startIndex
        guard let rank = vocabulary.rank(of: piece[(base + start)..<(base + end)]) else {
            pairRanks[start] = Self.noPair
            return
        }
        pairRanks[start] = rank
        candidates.push(Candidate(rank: rank, start: start))
    }
}
