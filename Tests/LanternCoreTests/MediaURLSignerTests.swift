import Foundation
import Testing
@testable import LanternCore

/// Media URLs are signed with HMAC-SHA256 over purpose, project, media id and expiry.
@Suite("Media URL signing")
struct MediaURLSignerTests {
    let signer = MediaURLSigner.random()
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The token and expiry of a signed path.
    private func parts(_ path: String) -> (token: String, expires: Int) {
        let query = path.split(separator: "?").last.map(String.init) ?? ""
        var values: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { values[kv[0]] = kv[1] }
        }
        return (values["token"] ?? "", Int(values["expires"] ?? "") ?? 0)
    }

    @Test func aSignedURLIsValidForItsPurposeProjectAndMediaUntilItExpires() {
        let expiry = signer.expiry(from: now)
        let (token, expires) = parts(signer.path(.upload, projectID: "p1", mediaID: "m1", expiry: expiry))
        #expect(token.count == 64)
        #expect(signer.isValid(token, .upload, projectID: "p1", mediaID: "m1", expires: expires, now: now))
        #expect(!signer.isValid(token, .download, projectID: "p1", mediaID: "m1", expires: expires, now: now), "other purpose")
        #expect(!signer.isValid(token, .upload, projectID: "p2", mediaID: "m1", expires: expires, now: now), "other project")
        #expect(!signer.isValid(token, .upload, projectID: "p1", mediaID: "m2", expires: expires, now: now), "other media")
        #expect(!signer.isValid(token, .upload, projectID: "p1", mediaID: "m1", expires: expires + 1, now: now), "extended expiry")
        #expect(!signer.isValid(token, .upload, projectID: "p1", mediaID: "m1", expires: expires, now: expiry), "expired")
        #expect(!MediaURLSigner.random().isValid(token, .upload, projectID: "p1", mediaID: "m1", expires: expires, now: now), "other key")
    }

    @Test(arguments: ["", "zz", "abc", String(repeating: "0", count: 64), String(repeating: "f", count: 300)])
    func malformedTokensAreRefused(token: String) {
        #expect(!signer.isValid(token, .download, projectID: "p1", mediaID: "m1", expires: Int(now.timeIntervalSince1970) + 60, now: now))
    }
}
