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
        group.post("/media", use: create)
        router.put("/api/public/media-upload/:projectId/:mediaId", use: upload)
        router.get("/api/public/media-download/:projectId/:mediaId", use: download)
        group.patch("/media/:mediaId", use: update)
        group.get("/media/:mediaId", use: get)
    }

    @Sendable func create(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let projectID = principal.projectID
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
        let stored = try await support.services.media.register(principal, record)
        let uploadURL: JSONValue = stored.uploadedAt == nil
            ? .string(Self.baseURL(of: request) + signer.path(.upload, projectID: projectID, mediaID: mediaID)) : .null
        return JSONResponse.make(.created, ["mediaId": .string(mediaID), "uploadUrl": uploadURL])
    }

    @Sendable func upload(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let (principal, mediaID) = try verified(.upload, request, context)
        try await support.services.media.upload(principal, id: mediaID, cap: Self.maxMediaBytes) { limit in
            try await JSONResponse.collect(request, limit: limit)
        }
        return Response(status: .ok)
    }

    @Sendable func download(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let (principal, mediaID) = try verified(.download, request, context)
        let found = try await support.services.media.download(principal, id: mediaID)
        return Response(status: .ok, headers: [.contentType: found.record.contentType], body: .init(byteBuffer: ByteBuffer(bytes: found.bytes)))
    }

    @Sendable func update(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let mediaID = try support.parameter("mediaId", context)
        _ = try await JSONResponse.body(of: request, limit: 1 << 20)
        try await support.services.media.acknowledgeUpload(try context.principal(), id: mediaID)
        return Response(status: .noContent)
    }

    @Sendable func get(_ request: Request, context: LanternRequestContext) async throws -> Response {
        let principal = try context.principal()
        let projectID = principal.projectID
        let mediaID = try support.parameter("mediaId", context)
        let record = try await support.services.media.uploaded(principal, id: mediaID)
        let expiry = signer.expiry(from: Date())
        return JSONResponse.make(.ok, [
            "mediaId": .string(record.id), "contentType": .string(record.contentType),
            "contentLength": .number(Double(record.contentLength)), "uploadedAt": Presenters.date(record.uploadedAt),
            "url": .string(Self.baseURL(of: request) + signer.path(.download, projectID: projectID, mediaID: mediaID, expiry: expiry)),
            "urlExpiry": Presenters.date(expiry),
        ])
    }

    /// The signed URL's holder and media id, or 403.
    private func verified(_ purpose: MediaURLSigner.Purpose, _ request: Request, _ context: LanternRequestContext) throws -> (Principal, String) {
        let projectID = try support.parameter("projectId", context)
        let mediaID = try support.parameter("mediaId", context)
        let query = QueryReader(request)
        guard let token = query.string("token"), let expires = query.string("expires").flatMap(Int.init),
              signer.isValid(token, purpose, projectID: projectID, mediaID: mediaID, expires: expires, now: Date()) else {
            throw APIError(status: .forbidden, message: "Invalid, expired or missing media token", errorName: "ForbiddenError")
        }
        return (.signedURL(projectID: projectID), mediaID)
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
