import AsyncHTTPClient
import Foundation
import LanternPluginSDK
import NIOCore
import NIOHTTP1

/// The kernel's HTTP client lent to plugins (``PluginHost/http``): AsyncHTTPClient on the kernel's NIO, so a plugin
/// never loads a second copy of NIO. Bodies of complete responses are capped; a deadline covers the whole exchange.
struct KernelHTTPClient: HostHTTPClient {
    /// The largest body ``send(_:)`` collects.
    static let maxBodyBytes = 32 << 20

    /// One client for the process, made on first use: it lives as long as the process, so it never needs the
    /// shutdown AsyncHTTPClient demands of a client before it is released.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .size(maxBodyBytes))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    func send(_ request: HostHTTPRequest) async throws -> HostHTTPResponse {
        let deadline = NIODeadline.now() + .milliseconds(Int64(request.timeoutSeconds * 1000))
        do {
            let response = try await Self.client.execute(try Self.request(request), deadline: deadline)
            let body = try await response.body.collect(upTo: Self.maxBodyBytes)
            return HostHTTPResponse(status: Int(response.status.code), headers: Self.headers(response.headers), body: Array(buffer: body))
        } catch {
            throw Self.hostError(error, request: request, limit: Self.maxBodyBytes)
        }
    }

    func stream(_ request: HostHTTPRequest) async throws -> HostHTTPStreamingResponse {
        let deadline = NIODeadline.now() + .milliseconds(Int64(request.timeoutSeconds * 1000))
        let response: HTTPClientResponse
        do {
            response = try await Self.client.execute(try Self.request(request), deadline: deadline)
        } catch {
            throw Self.hostError(error, request: request, limit: Self.maxBodyBytes)
        }
        let body = response.body
        let parts = AsyncThrowingStream<[UInt8], any Error> { continuation in
            let task = Task {
                do {
                    for try await buffer in body { continuation.yield(Array(buffer: buffer)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: Self.hostError(error, request: request, limit: .max))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return HostHTTPStreamingResponse(status: Int(response.status.code), headers: Self.headers(response.headers), body: parts)
    }

    private static func request(_ request: HostHTTPRequest) throws -> HTTPClientRequest {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw HostHTTPError.invalidURL(request.url)
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if !request.body.isEmpty { outgoing.body = .bytes(ByteBuffer(bytes: request.body)) }
        return outgoing
    }

    private static func headers(_ fields: HTTPHeaders) -> [String: String] {
        var headers: [String: String] = [:]
        for (name, value) in fields {
            let key = name.lowercased()
            headers[key] = headers[key].map { "\($0), \(value)" } ?? value
        }
        return headers
    }

    private static func hostError(_ error: any Error, request: HostHTTPRequest, limit: Int) -> any Error {
        if error is HostHTTPError { return error }
        if let client = error as? HTTPClientError {
            if client == .deadlineExceeded || client == .readTimeout || client == .connectTimeout { return HostHTTPError.timedOut(request.timeoutSeconds) }
            return HostHTTPError.transport("\(client)")
        }
        if error is NIOTooManyBytesError { return HostHTTPError.bodyTooLarge(limit) }
        return HostHTTPError.transport("\(error)")
    }
}
