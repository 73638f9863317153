import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Walks the role table against the server: for every mutating route (and a read of each kind), people signed in with
/// each role below the route's least role are refused 403, and a person with exactly the least role is not. The walk
/// covers the router's own list of mutating routes, so a new route without a permission check fails it.
@Suite("Role walk")
struct RoleWalkTests {
    let harness = APIHarness()
    static let roles: [Role] = [.none, .viewer, .member, .admin, .owner]

    /// One request and the permission its service checks.
    struct Call {
        let permission: Permission
        let method: HTTPRequest.Method
        let template: String
        let path: String
        var body: JSONValue?
    }

    /// Every mutating route of the public API, plus one read per read permission. `p` is the project everyone acts
    /// on, `scratch` a project that may be deleted, `user` a member who may be removed.
    static func calls(p: String, scratch: String, user: String) -> [Call] {
        let trace: JSONValue = ["batch": [["id": "e1", "type": "trace-create", "timestamp": "2026-01-01T00:00:00Z", "body": ["id": "t1"]]]]
        return [
            Call(permission: .projectRead, method: .get, template: "/api/public/traces", path: "/api/public/traces"),
            Call(permission: .ingest, method: .post, template: "/api/public/ingestion", path: "/api/public/ingestion", body: trace),
            Call(permission: .ingest, method: .post, template: "/api/public/otel/v1/traces", path: "/api/public/otel/v1/traces",
                 body: ["resourceSpans": []]),
            Call(permission: .tracesDelete, method: .delete, template: "/api/public/traces/{traceId}", path: "/api/public/traces/t0"),
            Call(permission: .tracesDelete, method: .delete, template: "/api/public/traces", path: "/api/public/traces", body: ["traceIds": ["t0"]]),
            Call(permission: .scoresWrite, method: .post, template: "/api/public/scores", path: "/api/public/scores",
                 body: ["traceId": "t1", "name": "quality", "value": 1]),
            Call(permission: .scoresWrite, method: .delete, template: "/api/public/scores/{scoreId}", path: "/api/public/scores/s0"),
            Call(permission: .commentsWrite, method: .post, template: "/api/public/comments", path: "/api/public/comments",
                 body: ["objectType": "TRACE", "objectId": "t1", "content": "hi"]),
            Call(permission: .annotationQueuesWrite, method: .post, template: "/api/public/annotation-queues", path: "/api/public/annotation-queues",
                 body: ["name": "q", "scoreConfigIds": []]),
            Call(permission: .annotationQueuesWrite, method: .post, template: "/api/public/annotation-queues/{queueId}/items",
                 path: "/api/public/annotation-queues/q0/items", body: ["objectId": "t1", "objectType": "TRACE"]),
            Call(permission: .annotationQueuesWrite, method: .patch, template: "/api/public/annotation-queues/{queueId}/items/{itemId}",
                 path: "/api/public/annotation-queues/q0/items/i0", body: ["status": "COMPLETED"]),
            Call(permission: .annotationQueuesWrite, method: .delete, template: "/api/public/annotation-queues/{queueId}/items/{itemId}",
                 path: "/api/public/annotation-queues/q0/items/i0"),
            Call(permission: .annotationQueuesWrite, method: .post, template: "/api/public/annotation-queues/{queueId}/assignments",
                 path: "/api/public/annotation-queues/q0/assignments", body: ["userId": "u1"]),
            Call(permission: .annotationQueuesWrite, method: .delete, template: "/api/public/annotation-queues/{queueId}/assignments",
                 path: "/api/public/annotation-queues/q0/assignments", body: ["userId": "u1"]),
            Call(permission: .promptsWrite, method: .post, template: "/api/public/v2/prompts", path: "/api/public/v2/prompts",
                 body: ["name": "greet", "prompt": "hi"]),
            Call(permission: .promptsWrite, method: .patch, template: "/api/public/v2/prompts/{name}/versions/{version}",
                 path: "/api/public/v2/prompts/none/versions/1", body: ["newLabels": ["production"]]),
            Call(permission: .promptsWrite, method: .delete, template: "/api/public/v2/prompts/{name}", path: "/api/public/v2/prompts/none"),
            Call(permission: .datasetsWrite, method: .post, template: "/api/public/v2/datasets", path: "/api/public/v2/datasets", body: ["name": "d"]),
            Call(permission: .datasetsWrite, method: .post, template: "/api/public/datasets", path: "/api/public/datasets", body: ["name": "d"]),
            Call(permission: .datasetsWrite, method: .post, template: "/api/public/dataset-items", path: "/api/public/dataset-items",
                 body: ["datasetName": "none", "input": "q"]),
            Call(permission: .datasetsWrite, method: .post, template: "/api/public/dataset-run-items", path: "/api/public/dataset-run-items",
                 body: ["runName": "r", "datasetItemId": "none", "traceId": "t1"]),
            Call(permission: .datasetsWrite, method: .delete, template: "/api/public/datasets/{name}/runs/{runName}", path: "/api/public/datasets/none/runs/r"),
            Call(permission: .datasetsWrite, method: .delete, template: "/api/public/dataset-items/{id}", path: "/api/public/dataset-items/none"),
            Call(permission: .mediaWrite, method: .post, template: "/api/public/media", path: "/api/public/media",
                 body: ["traceId": "t1", "contentType": "text/plain", "contentLength": 2, "sha256Hash": "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=",
                        "field": "input"]),
            Call(permission: .mediaWrite, method: .patch, template: "/api/public/media/{mediaId}", path: "/api/public/media/m0",
                 body: ["uploadedAt": "2026-01-01T00:00:00Z", "uploadHttpStatus": 200]),
            Call(permission: .scoreConfigsWrite, method: .post, template: "/api/public/score-configs", path: "/api/public/score-configs",
                 body: ["name": "c", "dataType": "NUMERIC"]),
            Call(permission: .scoreConfigsWrite, method: .patch, template: "/api/public/score-configs/{configId}", path: "/api/public/score-configs/c0",
                 body: ["description": "x"]),
            Call(permission: .modelsWrite, method: .post, template: "/api/public/models", path: "/api/public/models",
                 body: ["modelName": "m", "matchPattern": "(?i)^m$", "unit": "TOKENS", "inputPrice": 0.001]),
            Call(permission: .modelsWrite, method: .delete, template: "/api/public/models/{id}", path: "/api/public/models/m0"),
            Call(permission: .llmConnectionsRead, method: .get, template: "/api/public/llm-connections", path: "/api/public/llm-connections"),
            Call(permission: .llmConnectionsWrite, method: .put, template: "/api/public/llm-connections", path: "/api/public/llm-connections",
                 body: ["provider": "walk", "adapter": "openai", "secretKey": "sk-walk-0000"]),
            Call(permission: .llmConnectionsWrite, method: .post, template: "/api/public/llm-connections/{id}/test", path: "/api/public/llm-connections/c0/test",
                 body: ["model": "m"]),
            Call(permission: .llmConnectionsWrite, method: .delete, template: "/api/public/llm-connections/{id}", path: "/api/public/llm-connections/c0"),
            Call(permission: .evaluatorsWrite, method: .post, template: "/api/public/unstable/evaluators", path: "/api/public/unstable/evaluators",
                 body: ["name": "walk", "prompt": "Is {{output}} right?",
                        "outputDefinition": ["dataType": "BOOLEAN", "reasoning": ["description": "why"], "score": ["description": "right"]]]),
            Call(permission: .evaluatorsWrite, method: .delete, template: "/api/public/unstable/evaluators/{evaluatorId}",
                 path: "/api/public/unstable/evaluators/e0"),
            Call(permission: .evaluationRulesWrite, method: .post, template: "/api/public/unstable/evaluation-rules",
                 path: "/api/public/unstable/evaluation-rules",
                 body: ["name": "walk-rule", "target": "observation", "enabled": false,
                        "evaluators": [["evaluator": ["name": "walk"], "mapping": [["variable": "output", "source": "output"]]]]]),
            Call(permission: .evaluationRulesWrite, method: .patch, template: "/api/public/unstable/evaluation-rules/{evaluationRuleId}",
                 path: "/api/public/unstable/evaluation-rules/r0", body: ["sampling": 0.5]),
            Call(permission: .evaluationRulesWrite, method: .delete, template: "/api/public/unstable/evaluation-rules/{evaluationRuleId}",
                 path: "/api/public/unstable/evaluation-rules/r0"),
            Call(permission: .evaluationRulesWrite, method: .post, template: "/api/public/unstable/evaluation-rules/{evaluationRuleId}/backfill",
                 path: "/api/public/unstable/evaluation-rules/r0/backfill", body: ["from": "2020-01-01T00:00:00Z"]),
            Call(permission: .apiKeysRead, method: .get, template: "/api/public/projects/{projectId}/apiKeys", path: "/api/public/projects/\(p)/apiKeys"),
            Call(permission: .apiKeysWrite, method: .post, template: "/api/public/projects/{projectId}/apiKeys", path: "/api/public/projects/\(p)/apiKeys",
                 body: ["note": "x"]),
            Call(permission: .apiKeysWrite, method: .delete, template: "/api/public/projects/{projectId}/apiKeys/{apiKeyId}",
                 path: "/api/public/projects/\(p)/apiKeys/k0"),
            Call(permission: .projectMembersRead, method: .get, template: "/api/public/projects/{projectId}/memberships",
                 path: "/api/public/projects/\(p)/memberships"),
            Call(permission: .projectMembersWrite, method: .put, template: "/api/public/projects/{projectId}/memberships",
                 path: "/api/public/projects/\(p)/memberships", body: ["userId": .string(user), "role": "VIEWER"]),
            Call(permission: .projectMembersWrite, method: .delete, template: "/api/public/projects/{projectId}/memberships",
                 path: "/api/public/projects/\(p)/memberships", body: ["userId": .string(user)]),
            Call(permission: .projectUpdate, method: .put, template: "/api/public/projects/{projectId}", path: "/api/public/projects/\(p)",
                 body: ["name": "alpha"]),
            Call(permission: .projectDelete, method: .delete, template: "/api/public/projects/{projectId}", path: "/api/public/projects/\(scratch)"),
            Call(permission: .organizationRead, method: .get, template: "/api/public/organizations/projects", path: "/api/public/organizations/projects"),
            Call(permission: .organizationRead, method: .get, template: "/api/public/scim/Schemas", path: "/api/public/scim/Schemas"),
            Call(permission: .organizationMembersRead, method: .get, template: "/api/public/organizations/memberships",
                 path: "/api/public/organizations/memberships"),
            Call(permission: .organizationMembersRead, method: .get, template: "/api/public/scim/Users", path: "/api/public/scim/Users"),
            Call(permission: .organizationMembersWrite, method: .put, template: "/api/public/organizations/memberships",
                 path: "/api/public/organizations/memberships", body: ["userId": .string(user), "role": "VIEWER"]),
            Call(permission: .organizationMembersWrite, method: .post, template: "/api/public/scim/Users", path: "/api/public/scim/Users",
                 body: ["userName": "new@acme.io", "name": [:]]),
            Call(permission: .organizationMembersWrite, method: .delete, template: "/api/public/organizations/memberships",
                 path: "/api/public/organizations/memberships", body: ["userId": .string(user)]),
            Call(permission: .organizationMembersWrite, method: .delete, template: "/api/public/scim/Users/{userId}", path: "/api/public/scim/Users/\(user)"),
            Call(permission: .projectsCreate, method: .post, template: "/api/public/projects", path: "/api/public/projects", body: ["name": "new", "retention": 0]),
            Call(permission: .organizationKeysManage, method: .get, template: "/api/public/organizations/apiKeys", path: "/api/public/organizations/apiKeys"),
        ]
    }

    /// Routes no role reaches: open ones (signed upload URLs, benchmark) and the person's own sign-in routes.
    static let unscoped: Set<String> = ["PUT /api/public/media-upload/{projectId}/{mediaId}", "POST /bench/discard", "POST /api/auth/sign-in",
                                        "POST /api/auth/sign-up", "POST /api/auth/sign-out", "POST /api/auth/password"]

    @Test(.timeLimit(.minutes(3)))
    func everyRoleOnEveryRoute() async throws {
        try await harness.withRuntime(extraPlugins: "  otlp: { load: OTelReceiver }", topLevel: APIHarness.identityInit) { client, _, runtime in
            let administration = IdentityAdministration(runtime: runtime)
            var sessions: [Role: (cookie: String, csrf: String)] = [:]
            for role in Self.roles {
                let email = "\(role.rawValue.lowercased())@acme.io"
                _ = try await administration.createUser(email: email, name: nil, organizationID: "acme", role: role.rawValue, password: "walk-pass-1")
                let response = try await client.execute(uri: "/api/auth/sign-in", method: .post, headers: [.contentType: "application/json"],
                                                        body: ByteBuffer(string: #"{"email":"\#(email)","password":"walk-pass-1"}"#))
                let cookie = String(try #require(response.headers[.setCookie]).split(separator: ";")[0])
                sessions[role] = (cookie, try #require(try harness.json(response).objectValue?["csrfToken"]?.stringValue))
            }
            let org = APIHarness.organizationKey
            let projectID = try #require(try harness.json(try await harness.get(client, "/api/public/projects", auth: APIHarness.alpha))
                .objectValue?["data"]?.arrayValue?.first?.objectValue?["id"]?.stringValue)
            let calls = Self.calls(p: projectID, scratch: "scratch", user: "placeholder")

            var walked: [String] = []
            for call in calls {
                let least = try #require(AccessPolicy.minimumRole[call.permission])
                // Fresh targets per call, so an allowed destructive call acts on something of its own.
                let scratch = try #require(try harness.json(try await harness.post(client, "/api/public/projects", ["name": .string("s-\(walked.count)")],
                                                                                  auth: org)).objectValue?["id"]?.stringValue)
                let user = try #require(try harness.json(try await harness.post(client, "/api/public/scim/Users",
                                                                                 ["userName": .string("u\(walked.count)@acme.io"), "name": [:]], auth: org))
                    .objectValue?["id"]?.stringValue)
                let concrete = try #require(Self.calls(p: projectID, scratch: scratch, user: user).first {
                    $0.template == call.template && $0.method == call.method
                })
                for role in Self.roles where role <= least {
                    let session = try #require(sessions[role])
                    var headers: HTTPFields = [.cookie: session.cookie, .contentType: "application/json", AuthMiddleware.csrfHeader: session.csrf,
                                               AuthMiddleware.projectHeader: projectID, AuthMiddleware.organizationHeader: "acme"]
                    if call.template.hasPrefix("/api/public/organizations") || call.template.hasPrefix("/api/public/scim") {
                        headers[AuthMiddleware.projectHeader] = nil
                    }
                    let response = try await client.execute(uri: concrete.path, method: call.method, headers: headers,
                                                            body: concrete.body.map { ByteBuffer(string: $0.jsonText) })
                    let refused = response.status == .forbidden
                    #expect(refused == (role < least), "\(role.rawValue) \(call.method) \(concrete.path): \(response.status) \(String(buffer: response.body))")
                }
                walked.append("\(call.method) \(call.template)")
            }
            let mutating = Set(try LanternServer.router(for: runtime).routes.filter { $0.method != .get && $0.method != .head }
                .map { "\($0.method) \(AuditCoverageTests.template($0.path.description))" })
            #expect(mutating.subtracting(Self.unscoped).subtracting(walked).isEmpty, "every mutating route is walked")
        }
    }
}
