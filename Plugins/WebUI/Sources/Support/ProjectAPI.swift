import Foundation
import LanternPluginSDK

/// The kernel's public API as the signed-in person, answering JSON or a ``PageError``.
struct ProjectAPI: Sendable {
    let api: any KernelAPI
    let user: PluginUser

    /// `GET path` in `projectID` with `query`; the answer's JSON, or a ``PageError`` carrying the API's status and message.
    func get(_ path: String, project projectID: String, query: [(name: String, value: String)] = []) async throws -> JSONValue {
        try await send(KernelAPIRequest(method: "GET", path: path, query: query, projectID: projectID))
    }

    /// `POST path` in `projectID` with a JSON body; the answer's JSON, or a ``PageError``.
    func post(_ path: String, project projectID: String, body: JSONValue) async throws -> JSONValue {
        try await send(KernelAPIRequest(method: "POST", path: path, query: [], body: Array(body.jsonText.utf8), projectID: projectID))
    }

    private func send(_ request: KernelAPIRequest) async throws -> JSONValue {
        let response = try await api.send(request, as: user)
        guard (200..<300).contains(response.status) else {
            let message = response.json?.objectValue?["message"]?.stringValue ?? "The API answered \(response.status)"
            throw response.status == 404 ? PageError.notFound(message) : PageError.api(status: response.status, message: message)
        }
        return response.json ?? .null
    }
}
