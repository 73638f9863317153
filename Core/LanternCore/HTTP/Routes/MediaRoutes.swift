import Foundation
import HTTPTypes
import Hummingbird
import LanternPluginSDK
import NIOCore

/// Media uploads as the Langfuse SDK performs them: `POST /media` returns the SDK's own media id and an
/// upload URL served by Lantern itself (signed, no auth header); the bytes go to the storage plugin.
struct MediaRoutes {
    static let maxMediaBytes = 100 << 20
    let support: RouteSupport
    let signer: MediaURLSigner

    func register(open router: Router<LanternRequestContext>, authenticated group: RouterGroup<LanternRequestContext>) {
        group.post("/media") { request, context in
            let projectID = try context.requireProject()
            guard case .object(let body) = try await JSONResponse.body(of: request, limit: 1 << 20) else {
                throw APIError.badRequest("body: expected a media object")
            }
            guard let contentType = body["contentType"]?.stringValue, !contentType.isEmpty else { throw APIError.badRequest("contentType: is required") }
            guard let length = body["contentLength"]?.numberValue, length >= 0, length <= Double(Self.maxMediaBytes) else {
                throw APIError.badRequest("contentLength: must be a number of bytes up to \(Self.maxMediaBytes)")
            }
            guard let sha = body["sha256Hash"]?.stringValue, let mediaID = Self.mediaID(fromBase64SHA256: sha) else {
                throw APIError.badRequest("sha256Hash: must be the base64 SHA-256 of the content")
            }
            var record = MediaRecord(id: mediaID, projectID: projectID, contentType: contentType, contentLength: Int(length), sha256: sha, createdAt: Date())
            record.traceID = body["traceId"]?.stringValue
            record.observationID = body["observationId"]?.stringValue
            record.field = body["field"]?.stringValue
            let stored = try await support.storage().saveMediaRecord(record)
            let uploadURL: JSONValue = stored.uploadedAt == nil
                ? .string(Self.baseURL(of: request) + signer.path("media-upload", projectID: projectID, mediaID: mediaID)) : .null
            return JSONResponse.make(.created, ["mediaId": .string(mediaID), "uploadUrl": uploadURL])
        }
        router.put("/api/public/media-upload/:projectId/:mediaId") { request, context in
            let (projectID, mediaID) = try verified(request, context)
            let storage = try support.storage()
            guard let record = try await storage.mediaRecord(projectID: projectID, id: mediaID) else { throw APIError.notFound("Media not found") }
            let bytes = try await JSONResponse.collect(request, limit: min(Self.maxMediaBytes, record.contentLength + 1024))
            let digest = Data(SHA256.digest(bytes)).base64EncodedString()
            guard digest == record.sha256 else { throw APIError.badRequest("uploaded bytes do not match the declared sha256Hash") }
            try await storage.storeMediaBytes(projectID: projectID, id: mediaID, bytes: bytes, uploadedAt: Date())
            return Response(status: .ok)
        }
        router.get("/api/public/media-download/:projectId/:mediaId") { request, context in
            let (projectID, mediaID) = try verified(request, context)
            let storage = try support.storage()
            guard let record = try await storage.mediaRecord(projectID: projectID, id: mediaID),
                  let bytes = try await storage.mediaBytes(projectID: projectID, id: mediaID) else { throw APIError.notFound("Media not found") }
            return Response(status: .ok, headers: [.contentType: record.contentType], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        group.patch("/media/:mediaId") { request, context in
            let projectID = try context.requireProject()
            let mediaID = try support.parameter("mediaId", context)
            _ = try await JSONResponse.body(of: request, limit: 1 << 20)
            guard try await support.storage().mediaRecord(projectID: projectID, id: mediaID) != nil else { throw APIError.notFound("Media not found") }
            return Response(status: .noContent)
        }
        group.get("/media/:mediaId") { request, context in
            let projectID = try context.requireProject()
            let mediaID = try support.parameter("mediaId", context)
            guard let record = try await support.storage().mediaRecord(projectID: projectID, id: mediaID) else { throw APIError.notFound("Media not found") }
            return JSONResponse.make(.ok, [
                "mediaId": .string(record.id), "contentType": .string(record.contentType),
                "contentLength": .number(Double(record.contentLength)), "uploadedAt": Presenters.date(record.uploadedAt),
                "url": .string(Self.baseURL(of: request) + signer.path("media-download", projectID: projectID, mediaID: mediaID)),
                "urlExpiry": Presenters.date(Date().addingTimeInterval(3600)),
            ])
        }
    }

    private func verified(_ request: Request, _ context: LanternRequestContext) throws -> (String, String) {
        let projectID = try support.parameter("projectId", context)
        let mediaID = try support.parameter("mediaId", context)
        guard let token = QueryReader(request).string("token"), signer.isValid(token, projectID: projectID, mediaID: mediaID) else {
            throw APIError(status: .forbidden, message: "Invalid or missing media token", errorName: "ForbiddenError")
        }
        return (projectID, mediaID)
    }

    /// The SDK's media id: the first 22 characters of base64url(SHA-256).
    static func mediaID(fromBase64SHA256 text: String) -> String? {
        guard let digest = Data(base64Encoded: text), digest.count == 32 else { return nil }
        let url = digest.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return String(url.prefix(22))
    }

    static func baseURL(of request: Request) -> String {
        let scheme = HTTPField.Name("x-forwarded-proto").flatMap { request.headers[$0] } ?? "http"
        return "\(scheme)://\(request.head.authority ?? "127.0.0.1")"
    }
}

/// Signs media URLs so the SDK can upload and download without an auth header.
struct MediaURLSigner: Sendable {
    let secret: String

    /// A signer with a random secret (URLs stay valid for the life of the process).
    static func random() -> MediaURLSigner { MediaURLSigner(secret: UUID().uuidString + UUID().uuidString) }

    func token(projectID: String, mediaID: String) -> String { SHA256.hex(Array("\(secret)|\(projectID)|\(mediaID)".utf8)) }

    func isValid(_ token: String, projectID: String, mediaID: String) -> Bool { token == self.token(projectID: projectID, mediaID: mediaID) }

    func path(_ kind: String, projectID: String, mediaID: String) -> String {
        let encodedProject = projectID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? projectID
        return "/api/public/\(kind)/\(encodedProject)/\(mediaID)?token=\(token(projectID: projectID, mediaID: mediaID))"
    }
}
