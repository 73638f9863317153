import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// The admin API (organization keys): projects, project keys, memberships and SCIM, with the shapes of Langfuse's
/// OpenAPI document, the refusals of the identity issue, and project keys kept out of all of it.
@Suite("Admin API")
struct AdminAPITests {
    let harness = APIHarness()
    let org = APIHarness.organizationKey

    private func object(_ response: TestResponse) throws -> [String: JSONValue] {
        try #require(try harness.json(response).objectValue, "\(response.status) \(String(buffer: response.body))")
    }

    @Test(.timeLimit(.minutes(1)))
    func projectsAndTheirKeys() async throws {
        try await harness.withServer(topLevel: APIHarness.identityInit) { client, _ in
            let mine = try object(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))
            let project = try #require(mine["data"]?.arrayValue?.first?.objectValue)
            #expect(project["organization"] == ["id": "acme", "name": "Acme"])

            let listed = try object(try await harness.get(client, "/api/public/organizations/projects", auth: org))
            let names = listed["projects"]?.arrayValue?.compactMap { $0.objectValue?["name"]?.stringValue }
            #expect(names == ["alpha", "beta"])
            #expect(listed["projects"]?.arrayValue?.first?.objectValue?["updatedAt"]?.stringValue != nil)

            let created = try await harness.post(client, "/api/public/projects", ["name": "gamma", "retention": 7, "metadata": ["team": "ml"]], auth: org)
            #expect(created.status == .ok)
            let gamma = try object(created)
            #expect(gamma["retentionDays"] == 7 && gamma["metadata"] == ["team": "ml"] && gamma["organization"] == ["id": "acme", "name": "Acme"])
            let gammaID = try #require(gamma["id"]?.stringValue)

            for (body, field, status) in [(["name": "g", "retention": 1] as JSONValue, "retention", 400), (["retention": 0], "name", 400),
                                          (["name": "gamma", "retention": 0], "already exists", 409)] {
                let refused = try await harness.post(client, "/api/public/projects", body, auth: org)
                #expect(Int(refused.status.code) == status && String(buffer: refused.body).contains(field), "\(body)")
            }
            let renamed = try await harness.send(client, .put, "/api/public/projects/\(gammaID)", ["name": "gamma-2"], auth: org)
            #expect(try object(renamed)["name"] == "gamma-2" && object(renamed)["retentionDays"] == 7)
            #expect(try await harness.send(client, .put, "/api/public/projects/nope", ["name": "x"], auth: org).status == .notFound)

            let key = try object(try await harness.post(client, "/api/public/projects/\(gammaID)/apiKeys", ["note": "ci"], auth: org))
            let publicKey = try #require(key["publicKey"]?.stringValue), secretKey = try #require(key["secretKey"]?.stringValue)
            #expect(key["displaySecretKey"]?.stringValue == "sk-lf-..." + secretKey.suffix(4) && key["note"] == "ci")
            let gammaKey = APIHarness.basic(publicKey, secretKey)
            #expect(try await harness.get(client, "/api/public/traces", auth: gammaKey).status == .ok)
            let keys = try object(try await harness.get(client, "/api/public/projects/\(gammaID)/apiKeys", auth: org))
            let summary = try #require(keys["apiKeys"]?.arrayValue?.first?.objectValue)
            #expect(summary["publicKey"]?.stringValue == publicKey && summary["secretKey"] == nil && summary["lastUsedAt"] != nil)

            let halfPair = try await harness.post(client, "/api/public/projects/\(gammaID)/apiKeys", ["publicKey": "pk-lf-mine"], auth: org)
            #expect(halfPair.status == .badRequest && String(buffer: halfPair.body).contains("publicKey and secretKey go together"))
            let chosen = try await harness.post(client, "/api/public/projects/\(gammaID)/apiKeys",
                                                ["publicKey": "pk-lf-chosen", "secretKey": "sk-lf-chosen"], auth: org)
            #expect(chosen.status == .ok)
            #expect(try await harness.post(client, "/api/public/projects/\(gammaID)/apiKeys",
                                           ["publicKey": "pk-lf-chosen", "secretKey": "sk-lf-other"], auth: org).status == .conflict)

            let past = try await harness.post(client, "/api/public/projects/\(gammaID)/apiKeys", ["expiresAt": "2020-01-01T00:00:00Z"], auth: org)
            #expect(past.status == .badRequest && String(buffer: past.body).contains("expiresAt: must be in the future"))
            let soon = ISO8601Timestamp.format(Date().addingTimeInterval(1.5))
            let expiring = try object(try await harness.post(client, "/api/public/projects/\(gammaID)/apiKeys", ["name": "short-lived", "expiresAt": .string(soon)],
                                                             auth: org))
            #expect(expiring["expiresAt"]?.stringValue == soon && expiring["name"] == "short-lived" && expiring["note"] == "short-lived")
            let expiringKey = APIHarness.basic(expiring["publicKey"]?.stringValue ?? "", expiring["secretKey"]?.stringValue ?? "")
            #expect(try await harness.get(client, "/api/public/traces", auth: expiringKey).status == .ok)
            let expired = try await waitUntil { try await harness.get(client, "/api/public/traces", auth: expiringKey).status == .unauthorized }
            #expect(expired, "a key stops working when it expires")

            let keyID = try #require(key["id"]?.stringValue)
            let revoked = try await harness.send(client, .delete, "/api/public/projects/\(gammaID)/apiKeys/\(keyID)", auth: org)
            #expect(try object(revoked)["success"] == true)
            #expect(try await harness.get(client, "/api/public/traces", auth: gammaKey).status == .unauthorized)
            #expect(try await harness.send(client, .delete, "/api/public/projects/\(gammaID)/apiKeys/\(keyID)", auth: org).status == .notFound)

            let deleted = try await harness.send(client, .delete, "/api/public/projects/\(gammaID)", auth: org)
            #expect(try deleted.status == .accepted && object(deleted)["success"] == true)
            #expect(try await harness.get(client, "/api/public/traces", auth: APIHarness.basic("pk-lf-chosen", "sk-lf-chosen")).status == .unauthorized,
                    "a deleted project's keys stop working at once")
            let gone = try await waitUntil {
                let after = try object(try await harness.get(client, "/api/public/organizations/projects", auth: org))
                return after["projects"]?.arrayValue?.count == 2
            }
            #expect(gone, "the deleted project is gone")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func membershipsAndSCIM() async throws {
        try await harness.withServer(topLevel: APIHarness.identityInit) { client, _ in
            func provision(_ email: String) async throws -> String {
                let response = try await harness.post(client, "/api/public/scim/Users", ["userName": .string(email), "name": ["formatted": "Person"]],
                                                      auth: org)
                #expect(response.status == .created && response.headers[.contentType] == "application/scim+json")
                return try #require(try object(response)["id"]?.stringValue)
            }
            let ada = try await provision("ada@acme.io"), bob = try await provision("bob@acme.io")
            let duplicate = try await harness.post(client, "/api/public/scim/Users", ["userName": "Ada@acme.io", "name": [:]], auth: org)
            #expect(try duplicate.status == .conflict && object(duplicate)["scimType"] == "uniqueness")

            let found = try object(try await harness.get(client, "/api/public/scim/Users?filter=userName%20eq%20%22ada%40acme.io%22", auth: org))
            #expect(found["totalResults"] == 1 && found["Resources"]?.arrayValue?.first?.objectValue?["id"]?.stringValue == ada)
            let badFilter = try await harness.get(client, "/api/public/scim/Users?filter=emails%20co%20%22x%22", auth: org)
            #expect(try badFilter.status == .badRequest && object(badFilter)["scimType"] == "invalidFilter")
            for path in ["ServiceProviderConfig", "ResourceTypes", "Schemas"] {
                #expect(try await harness.get(client, "/api/public/scim/\(path)", auth: org).status == .ok)
            }

            let member = try object(try await harness.send(client, .put, "/api/public/organizations/memberships", ["userId": .string(ada), "role": "OWNER"], auth: org))
            #expect(member == ["userId": .string(ada), "role": "OWNER", "email": "ada@acme.io", "name": "Person"])
            let unknownRole = try await harness.send(client, .put, "/api/public/organizations/memberships", ["userId": .string(bob), "role": "BOSS"], auth: org)
            #expect(unknownRole.status == .badRequest && String(buffer: unknownRole.body).contains("role: must be one of"))
            let lastOwner = try await harness.send(client, .put, "/api/public/organizations/memberships", ["userId": .string(ada), "role": "MEMBER"], auth: org)
            #expect(lastOwner.status == .badRequest && String(buffer: lastOwner.body).contains("at least one OWNER"))
            #expect(try await harness.send(client, .delete, "/api/public/organizations/memberships", ["userId": .string(ada)], auth: org).status == .badRequest)
            _ = try await harness.send(client, .put, "/api/public/organizations/memberships", ["userId": .string(bob), "role": "OWNER"], auth: org)
            #expect(try await harness.send(client, .put, "/api/public/organizations/memberships", ["userId": .string(ada), "role": "MEMBER"], auth: org).status == .ok)
            let roles = try object(try await harness.get(client, "/api/public/organizations/memberships", auth: org))
            #expect(Set(roles["memberships"]?.arrayValue?.compactMap { $0.objectValue?["role"]?.stringValue } ?? []) == ["OWNER", "MEMBER"])

            let alphaID = try #require(try object(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))["data"]?
                .arrayValue?.first?.objectValue?["id"]?.stringValue)
            let override = try await harness.send(client, .put, "/api/public/projects/\(alphaID)/memberships", ["userId": .string(ada), "role": "VIEWER"], auth: org)
            #expect(try object(override)["role"] == "VIEWER")
            let outsider = try await harness.send(client, .put, "/api/public/projects/\(alphaID)/memberships", ["userId": "user-nobody", "role": "VIEWER"], auth: org)
            #expect(outsider.status == .notFound)
            let projectRoles = try object(try await harness.get(client, "/api/public/projects/\(alphaID)/memberships", auth: org))
            #expect(projectRoles["memberships"]?.arrayValue?.count == 1)
            let removed = try object(try await harness.send(client, .delete, "/api/public/projects/\(alphaID)/memberships", ["userId": .string(ada)], auth: org))
            #expect(removed == ["message": "Membership deleted successfully", "userId": .string(ada)])

            #expect(try await harness.send(client, .delete, "/api/public/scim/Users/\(ada)", auth: org).status == .noContent)
            let gone = try await harness.get(client, "/api/public/scim/Users/\(ada)", auth: org)
            #expect(try gone.status == .notFound && object(gone)["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"])
        }
    }

    /// A project key reaches no admin operation, and an organization key reaches no project data.
    @Test(.timeLimit(.minutes(1)))
    func keysStayInTheirScope() async throws {
        try await harness.withServer(topLevel: APIHarness.identityInit) { client, _ in
            let alphaID = try #require(try object(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))["data"]?
                .arrayValue?.first?.objectValue?["id"]?.stringValue)
            let adminCalls: [(HTTPRequest.Method, String, JSONValue?)] = [
                (.post, "/api/public/projects", ["name": "x", "retention": 0]), (.put, "/api/public/projects/\(alphaID)", ["name": "x"]),
                (.delete, "/api/public/projects/\(alphaID)", nil), (.get, "/api/public/projects/\(alphaID)/apiKeys", nil),
                (.post, "/api/public/projects/\(alphaID)/apiKeys", [:]), (.delete, "/api/public/projects/\(alphaID)/apiKeys/k", nil),
                (.get, "/api/public/projects/\(alphaID)/memberships", nil), (.put, "/api/public/projects/\(alphaID)/memberships", ["userId": "u", "role": "VIEWER"]),
                (.delete, "/api/public/projects/\(alphaID)/memberships", ["userId": "u"]), (.get, "/api/public/organizations/memberships", nil),
                (.put, "/api/public/organizations/memberships", ["userId": "u", "role": "VIEWER"]),
                (.delete, "/api/public/organizations/memberships", ["userId": "u"]), (.get, "/api/public/organizations/projects", nil),
                (.get, "/api/public/organizations/apiKeys", nil), (.get, "/api/public/scim/ServiceProviderConfig", nil),
                (.get, "/api/public/scim/ResourceTypes", nil), (.get, "/api/public/scim/Schemas", nil), (.get, "/api/public/scim/Users", nil),
                (.post, "/api/public/scim/Users", ["userName": "x@y.io", "name": [:]]), (.get, "/api/public/scim/Users/u", nil),
                (.delete, "/api/public/scim/Users/u", nil),
            ]
            for (method, path, body) in adminCalls {
                let response = try await harness.send(client, method, path, body, auth: APIHarness.alpha)
                #expect(response.status == .forbidden, "project key: \(method) \(path) → \(response.status)")
            }
            let traces = try await harness.get(client, "/api/public/traces", auth: org)
            #expect(traces.status == .forbidden && String(buffer: traces.body).contains("Are you using an organization key?"))
            #expect(try await harness.get(client, "/api/public/projects", auth: org).status == .forbidden)
            let orgKeys = try object(try await harness.get(client, "/api/public/organizations/apiKeys", auth: org))
            #expect(orgKeys["apiKeys"]?.arrayValue?.compactMap { $0.objectValue?["publicKey"]?.stringValue } == ["pk-lf-org"])
        }
    }
}
