import Foundation
import Hummingbird
import LanternPluginSDK
import NIOCore

/// JSON in and out of routes.
enum JSONResponse {
    /// A JSON response (object members in no particular order).
    static func make(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: value.unorderedJSONBytes)))
    }

    /// The request body parsed as JSON; 413 past `limit`, 400 when it is not JSON.
    static func body(of request: Request, limit: Int) async throws -> JSONValue {
        try parse(try await collect(request, limit: limit))
    }

    /// Collected body bytes parsed as JSON; 400 when empty, not JSON, or nested deeper than ``JSONDepth/limit``.
    static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        guard !bytes.isEmpty else { throw APIError.badRequest("Request body is empty; expected JSON") }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw APIError.badRequest("Request body is not valid JSON: \(Self.describe(error))")
        }
        if let path = JSONDepth.firstTooDeep(value) {
            throw APIError.badRequest("\(path): nests arrays and objects deeper than \(JSONDepth.limit) levels, the limit for JSON bodies")
        }
        return value
    }

    /// The raw body; 413 past `limit`.
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge(limit)
        }
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        }
        return "\(error)"
    }
}
