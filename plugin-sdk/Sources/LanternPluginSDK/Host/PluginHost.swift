import Foundation

/// The kernel's narrow back channel to a component: the services a plugin may use.
///
/// Only SDK types cross this boundary (docs/architecture.md §2.8): no swift-log, NIO or Hummingbird value.
public protocol PluginHost: Sendable {
    /// A logger labelled with the component's instance id.
    var logger: PluginLogger { get }
    /// The single write path for events.
    var ingestion: any IngestionSink { get }
    /// The current time (a test clock in tests).
    func now() -> Date
    /// The kernel's public API, called as a signed-in person (for web front ends); nil in hosts without it.
    var api: (any KernelAPI)? { get }
    /// The kernel's HTTP client for calls to other services (LLM providers, exporters' destinations).
    var http: any HostHTTPClient { get }
    /// Adds `amount` to the counter `name` with these labels, served on `/metrics` as
    /// `lantern_plugin_<name>_total{component="<instance id>", …}`. `name` is lower-case letters, digits and `_`.
    func count(_ name: String, labels: [String: String], by amount: Int)
}

extension PluginHost {
    /// No API by default.
    public var api: (any KernelAPI)? { nil }
    /// No network by default: every call fails with ``HostHTTPError/transport(_:)``.
    public var http: any HostHTTPClient { UnavailableHTTPClient() }
    /// No metrics by default: counts are dropped.
    public func count(_ name: String, labels: [String: String], by amount: Int) {}
}

/// The client of a host without network access (test hosts): every call fails.
public struct UnavailableHTTPClient: HostHTTPClient {
    /// Creates the client.
    public init() {}
    public func send(_ request: HostHTTPRequest) async throws -> HostHTTPResponse { throw HostHTTPError.transport("this host has no HTTP client") }
    public func stream(_ request: HostHTTPRequest) async throws -> HostHTTPStreamingResponse { throw HostHTTPError.transport("this host has no HTTP client") }
}

/// Severity of a log message (a fixed set).
@frozen
public enum LogLevel: Int, Sendable, Hashable, Comparable {
    case trace, debug, info, notice, warning, error, critical
    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A logger backed by the kernel's logging system.
public struct PluginLogger: Sendable {
    /// Receives each message with its level and structured fields.
    public typealias Handler = @Sendable (LogLevel, String, [String: String]) -> Void
    private let handler: Handler

    /// Creates a logger that forwards to `handler`.
    public init(_ handler: @escaping Handler) { self.handler = handler }
    /// A logger that drops everything.
    public static let discarding = PluginLogger { _, _, _ in }

    /// Logs a message.
    public func log(_ level: LogLevel, _ message: String, _ fields: [String: String] = [:]) { handler(level, message, fields) }
    public func debug(_ message: String, _ fields: [String: String] = [:]) { handler(.debug, message, fields) }
    public func info(_ message: String, _ fields: [String: String] = [:]) { handler(.info, message, fields) }
    public func warning(_ message: String, _ fields: [String: String] = [:]) { handler(.warning, message, fields) }
    public func error(_ message: String, _ fields: [String: String] = [:]) { handler(.error, message, fields) }
}
