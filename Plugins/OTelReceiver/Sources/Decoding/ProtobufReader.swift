/// A cursor over protobuf wire-format bytes (https://protobuf.dev/programming-guides/encoding/): field tags, varints,
/// fixed-width numbers and length-delimited values, each read checked against the end of the enclosing message, so
/// malformed or truncated input throws ``Malformed`` and never reads out of bounds or traps.
///
/// The reader borrows its buffer: use it only inside the `withUnsafeBufferPointer` call the buffer came from.
struct ProtobufReader {
    /// How a field's value is encoded. Groups (wire types 3 and 4, unused since proto2) are rejected as malformed.
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// A field's tag: its number in the message and how its value is encoded.
    struct Field {
        let number: UInt64
        let wireType: WireType
    }

    /// Why the bytes are not a protobuf message.
    struct Malformed: Error {
        let reason: String

        static let truncated = Malformed(reason: "the body ends in the middle of a field (truncated)")
        static let malformed = Malformed(reason: "malformed protobuf")
        static let invalidUTF8 = Malformed(reason: "a string field is not valid UTF-8")
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int

    /// A reader over the whole of `bytes`.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, from: 0, to: bytes.count)
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    /// The next field's tag, or nil at the end of the message.
    mutating func nextField() throws(Malformed) -> Field? {
        guard position < end else { return nil }
        let tag = try readVarint()
        let number = tag >> 3
        guard number > 0, let wireType = WireType(rawValue: tag & 7) else { throw .malformed }
        return Field(number: number, wireType: wireType)
    }

    /// The value of a varint field (bool, enum, int32/64, uint32/64).
    mutating func varint(_ field: Field) throws(Malformed) -> UInt64 {
        try expect(field, .varint)
        return try readVarint()
    }

    /// The value of a fixed64 or double field, as its 64 bits.
    mutating func fixed64(_ field: Field) throws(Malformed) -> UInt64 {
        try expect(field, .fixed64)
        return try readLittleEndian(byteCount: 8)
    }

    /// The value of a length-delimited field, as a range of the buffer.
    mutating func lengthDelimited(_ field: Field) throws(Malformed) -> UnsafeBufferPointer<UInt8> {
        try expect(field, .lengthDelimited)
        let range = try readLength()
        return UnsafeBufferPointer(rebasing: bytes[range])
    }

    /// A reader over the embedded message `field` holds.
    mutating func message(_ field: Field) throws(Malformed) -> ProtobufReader {
        try expect(field, .lengthDelimited)
        let range = try readLength()
        return ProtobufReader(bytes, from: range.lowerBound, to: range.upperBound)
    }

    /// The value of a string field; throws when it is not valid UTF-8.
    mutating func string(_ field: Field) throws(Malformed) -> String {
        let utf8 = try lengthDelimited(field)
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .invalidUTF8 }
        return text
    }

    /// Moves past the value of a field the decoder does not use.
    mutating func skip(_ field: Field) throws(Malformed) {
        switch field.wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readLittleEndian(byteCount: 8)
        case .lengthDelimited: _ = try readLength()
        case .fixed32: _ = try readLittleEndian(byteCount: 4)
        }
    }

    private func expect(_ field: Field, _ wireType: WireType) throws(Malformed) {
        guard field.wireType == wireType else { throw .malformed }
    }

    /// A base-128 varint of at most ten bytes.
    private mutating func readVarint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw .truncated }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) &<< shift
            if byte < 0x80 { return value }
            shift += 7
            guard shift < 70 else { throw .malformed }
        }
    }

    private mutating func readLittleEndian(byteCount: Int) throws(Malformed) -> UInt64 {
        guard end - position >= byteCount else { throw .truncated }
        var value: UInt64 = 0
        for offset in 0..<byteCount { value |= UInt64(bytes[position + offset]) &<< UInt64(8 * offset) }
        position += byteCount
        return value
    }

    /// A varint length and the range of that many bytes after it.
    private mutating func readLength() throws(Malformed) -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(end - position) else { throw .truncated }
        let start = position
        position += Int(length)
        return start..<position
    }
}
