import Foundation

/// An outgoing HTTP request a plugin asks the kernel to send.
public struct HostHTTPRequest: Sendable {
    /// Upper-case method (`POST`).
    public var method: String
    /// Absolute `http` or `https` URL.
    public var url: String
    /// Header names and values, sent in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// The whole exchange (connect, send, receive the body) must finish within this many seconds.
    public var timeoutSeconds: Double

    /// Creates a request.
    public init(method: String, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [], timeoutSeconds: Double = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A complete HTTP response.
public struct HostHTTPResponse: Sendable {
    public var status: Int
    /// Header names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// A response whose body arrives in parts, for streamed answers (server-sent events).
public struct HostHTTPStreamingResponse: Sendable {
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    /// The body's parts as they arrive; ends when the body ends, throws on a transport error or the deadline.
    public var body: AsyncThrowingStream<[UInt8], any Error>

    /// Creates a streaming response.
    public init(status: Int, headers: [String: String], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an exchange failed before an HTTP status arrived.
public enum HostHTTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL is not an absolute http(s) URL.
    case invalidURL(String)
    /// The deadline passed; the value is the deadline in seconds.
    case timedOut(Double)
    /// The body was longer than the client accepts; the value is the limit in bytes.
    case bodyTooLarge(Int)
    /// Connecting, TLS or the transfer failed; the text is the underlying error.
    case transport(String)

    public var description: String {
        switch self {
        case .invalidURL(let url): "not an absolute http(s) URL: \(url)"
        case .timedOut(let seconds): "no complete answer within \(seconds) s"
        case .bodyTooLarge(let limit): "response body larger than \(limit) bytes"
        case .transport(let why): "connection failed: \(why)"
        }
    }
}

/// The kernel's HTTP client, lent to plugins so none bundles its own networking stack (a second NIO).
public protocol HostHTTPClient: Sendable {
    /// Sends the request and collects the whole response body (up to the kernel's limit).
    func send(_ request: HostHTTPRequest) async throws -> HostHTTPResponse
    /// Sends the request and returns once the status and headers arrive; the body follows as a stream.
    func stream(_ request: HostHTTPRequest) async throws -> HostHTTPStreamingResponse
}
