/// Splits text into the pieces that byte-pair encoding then works on, as an encoding's regular expression does.
enum PreTokenizer: Sendable {
    /// The pattern of cl100k_base.
    case cl100k
    /// The pattern of o200k_base.
    case o200k

    /// Calls `body` with the UTF-8 byte range of each piece of `text`, in order; the pieces cover the whole text.
    func forEachPiece(of text: ClassifiedText, _ body: (Range<Int>) -> Void) {
        var start = 0
        var byteStart = 0
        while start < text.count {
            let end = switch self {
            case .cl100k: text.endOfCl100kPiece(from: start)
            case .o200k: text.endOfO200kPiece(from: start)
            }
            var byteEnd = byteStart
            for position in start..<end { byteEnd += Int(text.utf8Widths[position]) }
            body(byteStart..<byteEnd)
            start = end
            byteStart = byteEnd
        }
    }
}
