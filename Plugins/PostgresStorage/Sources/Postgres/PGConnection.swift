import CLibPQ
import Foundation
import SQLStorageKit

/// One libpq connection. Not thread-safe: a ``ConnectionWorker`` confines each connection to one serial queue.
///
/// Every statement goes through `PQexecParams` with its values as separate parameters (text format, `bytea`
/// as binary), never spliced into the SQL text.
final class PGConnection {
    private var handle: OpaquePointer?
    /// Commands completed since the connection opened; tells a connection that was already dead before a
    /// piece of work from one that failed in the middle of it.
    private(set) var completedCommands = 0

    private init(handle: OpaquePointer) { self.handle = handle }

    deinit { close() }

    /// Opens a connection; throws a ``PGError`` naming the host, the port and libpq's reason.
    static func connect(_ parameters: ConnectionParameters) throws -> PGConnection {
        let keywords = parameters.keywords.map { strdup($0.0) }, values = parameters.keywords.map { strdup($0.1) }
        defer { (keywords + values).forEach { free($0) } }
        let keywordList = keywords.map { UnsafePointer($0) } + [nil], valueList = values.map { UnsafePointer($0) } + [nil]
        let connection = PQconnectdbParams(keywordList, valueList, parameters.expandsURL ? 1 : 0)
        guard let connection, PQstatus(connection) == CONNECTION_OK else {
            let reason = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "libpq is out of memory"
            let endpoint = Self.endpoint(of: connection) ?? parameters.endpoint
            PQfinish(connection)
            throw PGError(message: "cannot connect to PostgreSQL at \(endpoint): \(Self.connectFailure(reason))", connectionLost: true)
        }
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return PGConnection(handle: connection)
    }

    /// Whether the connection is open and was healthy at its last command.
    var isOpen: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK
    }

    /// Runs one statement with `values` bound to `$1…$n` (or to its `?`s, see ``numberedPlaceholders(_:)``) and returns
    /// its rows (binary columns when `binaryResult`).
    func query(_ sql: String, _ values: [SQLValue] = [], binaryResult: Bool = false) throws -> PGResult {
        let handle = try openHandle()
        let statement = Self.numberedPlaceholders(sql)
        let result = try Self.withParameters(values) { pointers, lengths, formats in
            PQexecParams(handle, statement, Int32(values.count), nil, pointers, lengths, formats, binaryResult ? 1 : 0)
        }
        return try checked(result)
    }

    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue] = []) throws -> Int {
        try query(sql, values).affectedRows
    }

    /// Runs a script of statements without parameters (migrations).
    func execute(_ script: String) throws {
        _ = try checked(PQexec(try openHandle(), script))
    }

    /// Runs `body` between `begin` and COMMIT; rolls back when it (or the commit) throws.
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try run(begin)
        do {
            let value = try body()
            let status = try query("COMMIT").commandStatus
            guard status == "COMMIT" else { throw PGError(message: "the transaction was rolled back (\(status))") }
            return value
        } catch {
            if let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) != PQTRANS_IDLE { _ = try? run("ROLLBACK") }
            throw error
        }
    }

    /// Closes the connection; idempotent.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    /// The result when the command succeeded; otherwise a ``PGError`` with the SQLSTATE and message.
    private func checked(_ result: OpaquePointer?) throws -> PGResult {
        let handle = try openHandle()
        guard let result else {
            throw PGError(message: String(cString: PQerrorMessage(handle)).singleLine, connectionLost: PQstatus(handle) != CONNECTION_OK)
        }
        let wrapped = PGResult(result)
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            completedCommands += 1
            return wrapped
        default:
            let sqlState = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            let message = PQresultErrorMessage(result).map { String(cString: $0) } ?? ""
            let lost = PQstatus(handle) != CONNECTION_OK
            throw PGError(sqlState: sqlState, message: message.isEmpty ? String(cString: PQerrorMessage(handle)).singleLine : message.singleLine,
                          connectionLost: lost)
        }
    }

    private func openHandle() throws -> OpaquePointer {
        guard let handle else { throw PGError(message: "the connection is closed", connectionLost: true) }
        return handle
    }

    /// Calls `body` with C arrays of parameter values, lengths and formats (text, or binary for bytes).
    /// Text holding a NUL character cannot be sent (PostgreSQL text cannot hold it) and throws.
    private static func withParameters<T>(
        _ values: [SQLValue],
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> T
    ) throws -> T {
        var buffers: [UnsafeMutableRawPointer?] = []
        defer { buffers.forEach { free($0) } }
        var lengths: [Int32] = [], formats: [Int32] = []
        for value in values {
            switch value {
            case .null:
                buffers.append(nil)
                lengths.append(0)
                formats.append(0)
            case .text(let text):
                guard !text.utf8.contains(0) else {
                    throw PGError(sqlState: "22021", message: "PostgreSQL text cannot hold the NUL character (\\u0000)")
                }
                buffers.append(UnsafeMutableRawPointer(strdup(text)))
                lengths.append(0)
                formats.append(0)
            case .integer(let number):
                buffers.append(UnsafeMutableRawPointer(strdup(String(number))))
                lengths.append(0)
                formats.append(0)
            case .real(let number):
                buffers.append(UnsafeMutableRawPointer(strdup(Self.text(of: number))))
                lengths.append(0)
                formats.append(0)
            case .blob(let bytes):
                guard let length = Int32(exactly: bytes.count) else {
                    throw PGError(sqlState: "54000", message: "a binary value of \(bytes.count) bytes is too large")
                }
                let buffer = malloc(max(bytes.count, 1))
                bytes.withUnsafeBytes { source in
                    if let base = source.baseAddress, let buffer { buffer.copyMemory(from: base, byteCount: bytes.count) }
                }
                buffers.append(buffer)
                lengths.append(length)
                formats.append(1)
            }
        }
        let pointers = buffers.map { $0.map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) } }
        return body(pointers, lengths, formats)
    }

    /// A double in its shortest exact decimal form, so it reads back bit for bit (infinities and NaN spelled as
    /// PostgreSQL reads them).
    private static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }

    /// `host:port` of a connection attempt, when libpq knows it.
    private static func endpoint(of connection: OpaquePointer?) -> String? {
        guard let connection, let host = PQhost(connection), let port = PQport(connection) else { return nil }
        let hostText = String(cString: host), portText = String(cString: port)
        guard !hostText.isEmpty else { return nil }
        return "\(hostText):\(portText.isEmpty ? "5432" : portText)"
    }

    /// libpq's connection failure without its `connection to server at "…", port … failed:` preamble, on one line.
    private static func connectFailure(_ message: String) -> String {
        var text = message
        if text.hasPrefix("connection to server"), let range = text.range(of: "failed: ") { text = String(text[range.upperBound...]) }
        if text.hasPrefix("FATAL:") { text = String(text.dropFirst("FATAL:".count)) }
        return text.singleLine
    }
}
