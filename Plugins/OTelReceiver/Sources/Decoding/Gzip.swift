import COTelZlib

/// gzip decompression through the system zlib, with a cap on the inflated size.
enum Gzip {
    /// Why a body could not be inflated.
    enum Failure: Error, Equatable {
        /// The inflated body would exceed the cap (answered with 413).
        case tooLarge(limit: Int)
        /// Not valid gzip data (answered with 400).
        case corrupt(String)
    }

    /// Inflates one or more concatenated gzip members, a chunk at a time; past `limit` bytes of output it stops and
    /// throws, so a small body that would inflate to gigabytes costs at most `limit` bytes and the time to reach them.
    static func inflate(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        guard !input.isEmpty else { throw .corrupt("empty gzip body") }
        var stream = z_stream()
        guard lantern_otel_inflate_init_gzip(&stream) == Z_OK else { throw .corrupt("zlib could not be initialised") }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        output.reserveCapacity(min(limit, max(input.count * 4, 64 << 10)))
        let chunkSize = 256 << 10
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var consumed = 0

        while true {
            let status: Int32 = input.withUnsafeBufferPointer { source -> Int32 in
                chunk.withUnsafeMutableBufferPointer { target -> Int32 in
                    guard let base = source.baseAddress, let out = target.baseAddress else { return Z_BUF_ERROR }
                    stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
                    stream.avail_in = UInt32(clamping: input.count - consumed)
                    stream.next_out = out
                    stream.avail_out = UInt32(chunkSize)
                    let before = stream.avail_in
                    let result = COTelZlib.inflate(&stream, Z_NO_FLUSH)
                    consumed += Int(before - stream.avail_in)
                    return result
                }
            }
            let produced = chunkSize - Int(stream.avail_out)
            guard output.count + produced <= limit else { throw .tooLarge(limit: limit) }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                // Another gzip member may follow (concatenated streams); trailing zero padding is ignored.
                let rest = input[consumed...]
                if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) { return output }
                guard inflateReset(&stream) == Z_OK else { throw .corrupt("zlib could not be reset") }
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: input exhausted before the end of the stream.
                if produced == 0 { throw .corrupt("the gzip stream is truncated") }
            case Z_DATA_ERROR:
                throw .corrupt(stream.msg.map { String(cString: $0) } ?? "invalid gzip data")
            case Z_MEM_ERROR:
                throw .corrupt("zlib ran out of memory")
            default:
                throw .corrupt("zlib error \(status)")
            }
        }
    }
}
