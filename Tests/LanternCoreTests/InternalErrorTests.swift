import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import LanternCore
import LanternPluginSDK

/// A 500 tells the client only "internal error" and a request id; the detail is in the log line under that id.
@Suite("Internal errors")
struct InternalErrorTests {
    struct Leaky: Error, CustomStringConvertible { var description: String { "connection string postgres://admin:hunter2@db" } }

    /// Keeps every log record's message and metadata.
    final class CapturingLogHandler: LogHandler, @unchecked Sendable {
        let records = LockedValue<[(message: String, metadata: Logger.Metadata)]>([])
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
            records.withLock { $0.append(("\(message)", self.metadata.merging(metadata ?? [:]) { $1 })) }
        }
    }

    @Test func theBodyCarriesARequestIDAndTheLogCarriesTheDetail() async throws {
        let handler = CapturingLogHandler()
        let router = Router(context: LanternRequestContext.self)
        router.add(middleware: RequestIDMiddleware(logger: Logger(label: "test.access") { _ in handler }))
        router.add(middleware: ErrorMiddleware())
        router.get("/boom") { _, _ -> Response in throw Leaky() }
        let app = Application(router: router, logger: Logger(label: "test") { _ in handler })
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/boom", method: .get, headers: [.requestID: "caller-id-7"])
            #expect(response.status == .internalServerError)
            let body = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
            let requestID = try #require(body.objectValue?["requestId"]?.stringValue)
            #expect(body.objectValue?["message"]?.stringValue == "internal error (request id \(requestID))")
            #expect(!String(buffer: response.body).contains("hunter2"), "no internal detail reaches the client")
            #expect(requestID == "caller-id-7" && response.headers[.requestID] == requestID, "the request's own id")
            let logged = handler.records.withLock { $0 }.filter { $0.metadata["requestId"]?.description == requestID }
            #expect(logged.count == 2, "the error line and the access line: \(logged.map(\.message))")
            #expect(logged.first { $0.message == "internal error" }?.metadata["error"]?.description.contains("hunter2") == true,
                    "the log line has the detail")
            let access = logged.first { $0.message == "request" }?.metadata ?? [:]
            #expect(access["status"]?.description == "500" && access["route"]?.description == "/boom" && access["method"]?.description == "GET",
                    "the access line: \(access)")
        }
    }
}
