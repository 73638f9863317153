import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Every mutating route of the public API emits exactly one audit event, from its service, with the caller as actor:
/// the test performs each mutation through HTTP against a server with a real audit-sink fixture plugin, and checks
/// the list of mutations it performed against the router's own list of non-GET routes.
@Suite("Audit coverage")
struct AuditCoverageTests {
    let harness = APIHarness()

    /// Telemetry ingestion: the data itself, stored at volume and not audited event by event (as Langfuse does).
    static let telemetryRoutes: Set<String> = [
        "POST /api/public/ingestion", "POST /api/public/otel/v1/traces", "POST /api/public/scores", "POST /api/public/media",
        "PUT /api/public/media-upload/{projectId}/{mediaId}", "PATCH /api/public/media/{mediaId}",
    ]

    private static let plugins = """
      otlp: { load: OTelReceiver }
      audit: { load: FixturePlugin, component: file-audit, settings: { path: audit.txt } }
      judge: { load: LLMJudge }
    """

    @Test(.timeLimit(.minutes(1)))
    func everyMutatingRouteEmitsOneAuditEvent() async throws {
        let topLevel = APIHarness.identityInit + "\nauth: { signUp: true }"
        try await harness.withServer(extraPlugins: Self.plugins, topLevel: topLevel) { client, workspace in
            var performed: [(route: String, action: String)] = []
            func mutate(_ method: HTTPRequest.Method, _ template: String, _ path: String, _ body: JSONValue? = nil,
                        expect action: String, auth: String = APIHarness.alpha) async throws -> JSONValue? {
                let response = try await harness.send(client, method, path, body, auth: auth)
                #expect((200..<300).contains(Int(response.status.code)), "\(method) \(path): \(response.status) \(String(buffer: response.body))")
                performed.append(("\(method) \(template)", action))
                return response.body.readableBytes > 0 ? try? harness.json(response) : nil
            }
            // Telemetry to act on (not audited).
            let batch: JSONValue = ["batch": [
                ["id": "e1", "type": "trace-create", "timestamp": "2026-01-01T00:00:00Z", "body": ["id": "t1", "name": "one"]],
                ["id": "e2", "type": "trace-create", "timestamp": "2026-01-01T00:00:00Z", "body": ["id": "t2", "name": "two"]],
                ["id": "e3", "type": "trace-create", "timestamp": "2026-01-01T00:00:00Z", "body": ["id": "t3", "name": "three"]],
                ["id": "e4", "type": "score-create", "timestamp": "2026-01-01T00:00:00Z",
                 "body": ["id": "s1", "traceId": "t1", "name": "quality", "value": 1]],
            ]]
            #expect(try await harness.send(client, .post, "/api/public/ingestion", batch).status.code == 207)

            let config = try await mutate(.post, "/api/public/score-configs", "/api/public/score-configs",
                                          ["name": "quality", "dataType": "NUMERIC"], expect: "scoreConfig.created")
            let configID = config?.objectValue?["id"]?.stringValue ?? ""
            _ = try await mutate(.patch, "/api/public/score-configs/{configId}", "/api/public/score-configs/\(configID)",
                                 ["description": "how good"], expect: "scoreConfig.updated")
            _ = try await mutate(.post, "/api/public/comments", "/api/public/comments",
                                 ["objectType": "TRACE", "objectId": "t1", "content": "looks right"], expect: "comment.created")
            let queue = try await mutate(.post, "/api/public/annotation-queues", "/api/public/annotation-queues",
                                         ["name": "review", "scoreConfigIds": [.string(configID)]], expect: "annotationQueue.created")
            let queueID = queue?.objectValue?["id"]?.stringValue ?? ""
            let item = try await mutate(.post, "/api/public/annotation-queues/{queueId}/items", "/api/public/annotation-queues/\(queueID)/items",
                                        ["objectId": "t1", "objectType": "TRACE"], expect: "annotationQueueItem.created")
            let itemID = item?.objectValue?["id"]?.stringValue ?? ""
            _ = try await mutate(.patch, "/api/public/annotation-queues/{queueId}/items/{itemId}",
                                 "/api/public/annotation-queues/\(queueID)/items/\(itemID)", ["status": "COMPLETED"],
                                 expect: "annotationQueueItem.updated")
            _ = try await mutate(.delete, "/api/public/annotation-queues/{queueId}/items/{itemId}",
                                 "/api/public/annotation-queues/\(queueID)/items/\(itemID)", expect: "annotationQueueItem.deleted")
            _ = try await mutate(.post, "/api/public/annotation-queues/{queueId}/assignments", "/api/public/annotation-queues/\(queueID)/assignments",
                                 ["userId": "u1"], expect: "annotationQueueAssignment.created")
            _ = try await mutate(.delete, "/api/public/annotation-queues/{queueId}/assignments",
                                 "/api/public/annotation-queues/\(queueID)/assignments", ["userId": "u1"], expect: "annotationQueueAssignment.deleted")
            _ = try await mutate(.post, "/api/public/v2/prompts", "/api/public/v2/prompts", ["name": "greet", "prompt": "hi"],
                                 expect: "prompt.created")
            _ = try await mutate(.patch, "/api/public/v2/prompts/{name}/versions/{version}", "/api/public/v2/prompts/greet/versions/1",
                                 ["newLabels": ["production"]], expect: "prompt.labels-updated")
            _ = try await mutate(.delete, "/api/public/v2/prompts/{name}", "/api/public/v2/prompts/greet", expect: "prompt.deleted")
            _ = try await mutate(.post, "/api/public/v2/datasets", "/api/public/v2/datasets", ["name": "golden"], expect: "dataset.created")
            _ = try await mutate(.post, "/api/public/datasets", "/api/public/datasets", ["name": "golden", "description": "v1 create"],
                                 expect: "dataset.updated")
            _ = try await mutate(.post, "/api/public/dataset-items", "/api/public/dataset-items",
                                 ["id": "i1", "datasetName": "golden", "input": "q"], expect: "datasetItem.created")
            _ = try await mutate(.post, "/api/public/dataset-run-items", "/api/public/dataset-run-items",
                                 ["runName": "run-1", "datasetItemId": "i1", "traceId": "t1"], expect: "datasetRunItem.created")
            _ = try await mutate(.delete, "/api/public/datasets/{name}/runs/{runName}", "/api/public/datasets/golden/runs/run-1",
                                 expect: "datasetRun.deleted")
            _ = try await mutate(.delete, "/api/public/dataset-items/{id}", "/api/public/dataset-items/i1", expect: "datasetItem.deleted")
            let model = try await mutate(.post, "/api/public/models", "/api/public/models",
                                         ["modelName": "house-model", "matchPattern": "(?i)^house-model$", "unit": "TOKENS", "inputPrice": 0.001],
                                         expect: "model.created")
            _ = try await mutate(.delete, "/api/public/models/{id}", "/api/public/models/\(model?.objectValue?["id"]?.stringValue ?? "")",
                                 expect: "model.deleted")
            try await evaluationMutations(mutate: mutate)
            _ = try await mutate(.delete, "/api/public/scores/{scoreId}", "/api/public/scores/s1", expect: "score.deleted")
            _ = try await mutate(.delete, "/api/public/traces/{traceId}", "/api/public/traces/t1", expect: "trace.deleted")
            _ = try await mutate(.delete, "/api/public/traces", "/api/public/traces", ["traceIds": ["t2", "t3"]], expect: "trace.deleted")

            let dataMutations = performed.count
            let signInMutations = try await identityMutations(client, mutate: mutate)
            performed += signInMutations

            // The config's seeding (organization, projects, keys) is audited too, as the kernel itself.
            let lines = try await workspace.auditLines(of: "audit.txt", atLeast: performed.count)
            #expect(lines.count == performed.count, "one audit event per mutation: \(lines)")
            #expect(lines.map { $0.split(separator: " ").dropFirst().first.map(String.init) ?? "" } == performed.map(\.action))
            #expect(lines.prefix(dataMutations).allSatisfy { $0.hasPrefix("project-") && $0.hasSuffix(" actor=apiKey:pk-lf-alpha") },
                    "every data event names the caller's project and key")
            #expect(lines.dropFirst(dataMutations).allSatisfy { $0.hasSuffix(" actor=apiKey:pk-lf-org") || $0.contains(" actor=user:") },
                    "every identity event names the organization key or the person")

            let runtime = try LanternRuntime.prepare(configPath: workspace.directory + "/lantern.yaml")
            let mutating = Set(try LanternServer.router(for: runtime).routes.filter { $0.method != .get && $0.method != .head }
                .map { "\($0.method) \(Self.template($0.path.description))" })
            #expect(mutating.subtracting(Self.telemetryRoutes).subtracting(["POST /bench/discard"]) == Set(performed.map(\.route)),
                    "the test covers exactly the router's mutating routes")
        }
    }

    /// LLM connections, evaluators and evaluation rules (over no observations, so no judge must be reachable).
    private func evaluationMutations(mutate: (HTTPRequest.Method, String, String, JSONValue?, String, String) async throws -> JSONValue?)
        async throws {
        let alpha = APIHarness.alpha
        let connection = try await mutate(.put, "/api/public/llm-connections", "/api/public/llm-connections",
                                          ["provider": "openai", "adapter": "openai", "secretKey": "sk-test-0000", "baseURL": "http://127.0.0.1:9/v1"],
                                          "llmConnection.created", alpha)
        let connectionID = connection?.objectValue?["id"]?.stringValue ?? ""
        _ = try await mutate(.post, "/api/public/llm-connections/{id}/test", "/api/public/llm-connections/\(connectionID)/test",
                             ["model": "gpt-4o-mini"], "llmConnection.tested", alpha)
        let output: JSONValue = ["dataType": "BOOLEAN", "reasoning": ["description": "why"], "score": ["description": "is it right"]]
        let evaluator = try await mutate(.post, "/api/public/unstable/evaluators", "/api/public/unstable/evaluators",
                                         ["name": "right", "prompt": "Is {{output}} right?", "outputDefinition": output,
                                          "modelConfig": ["provider": "openai", "model": "gpt-4o-mini"]], "evaluator.created", alpha)
        let rule = try await mutate(.post, "/api/public/unstable/evaluation-rules", "/api/public/unstable/evaluation-rules",
                                    ["name": "rightness", "target": "observation", "enabled": false,
                                     "evaluators": [["evaluator": ["name": "right"], "mapping": [["variable": "output", "source": "output"]]]]],
                                    "evaluationRule.created", alpha)
        let ruleID = rule?.objectValue?["id"]?.stringValue ?? ""
        _ = try await mutate(.patch, "/api/public/unstable/evaluation-rules/{evaluationRuleId}", "/api/public/unstable/evaluation-rules/\(ruleID)",
                             ["sampling": 0.5, "enabled": true], "evaluationRule.updated", alpha)
        _ = try await mutate(.post, "/api/public/unstable/evaluation-rules/{evaluationRuleId}/backfill",
                             "/api/public/unstable/evaluation-rules/\(ruleID)/backfill", ["from": "2020-01-01T00:00:00Z"],
                             "evaluationRule.backfillStarted", alpha)
        _ = try await mutate(.delete, "/api/public/unstable/evaluation-rules/{evaluationRuleId}", "/api/public/unstable/evaluation-rules/\(ruleID)",
                             nil, "evaluationRule.deleted", alpha)
        _ = try await mutate(.delete, "/api/public/unstable/evaluators/{evaluatorId}",
                             "/api/public/unstable/evaluators/\(evaluator?.objectValue?["id"]?.stringValue ?? "")", nil, "evaluator.deleted", alpha)
        _ = try await mutate(.delete, "/api/public/llm-connections/{id}", "/api/public/llm-connections/\(connectionID)", nil,
                             "llmConnection.deleted", alpha)
    }

    /// The admin API's mutations (recorded by `mutate`) and sign-in's (returned), in an order where each has what it needs.
    private func identityMutations(_ client: any TestClientProtocol,
                                   mutate: (HTTPRequest.Method, String, String, JSONValue?, String, String) async throws -> JSONValue?)
        async throws -> [(route: String, action: String)] {
        var performed: [(route: String, action: String)] = []
        let org = APIHarness.organizationKey
        func admin(_ method: HTTPRequest.Method, _ template: String, _ path: String, _ body: JSONValue? = nil, expect action: String)
            async throws -> JSONValue? {
            try await mutate(method, template, path, body, action, org)
        }
        let project = try await admin(.post, "/api/public/projects", "/api/public/projects", ["name": "gamma", "retention": 0], expect: "project.created")
        let projectID = project?.objectValue?["id"]?.stringValue ?? ""
        _ = try await admin(.put, "/api/public/projects/{projectId}", "/api/public/projects/\(projectID)", ["name": "gamma-2"], expect: "project.updated")
        let key = try await admin(.post, "/api/public/projects/{projectId}/apiKeys", "/api/public/projects/\(projectID)/apiKeys", ["note": "x"],
                                  expect: "apiKey.created")
        _ = try await admin(.delete, "/api/public/projects/{projectId}/apiKeys/{apiKeyId}",
                            "/api/public/projects/\(projectID)/apiKeys/\(key?.objectValue?["id"]?.stringValue ?? "")", expect: "apiKey.revoked")
        let user = try await admin(.post, "/api/public/scim/Users", "/api/public/scim/Users", ["userName": "ada@acme.io", "name": ["formatted": "Ada"]],
                                   expect: "user.created")
        let userID = user?.objectValue?["id"]?.stringValue ?? ""
        _ = try await admin(.put, "/api/public/organizations/memberships", "/api/public/organizations/memberships",
                            ["userId": .string(userID), "role": "MEMBER"], expect: "organizationMembership.role-changed")
        _ = try await admin(.put, "/api/public/projects/{projectId}/memberships", "/api/public/projects/\(projectID)/memberships",
                            ["userId": .string(userID), "role": "VIEWER"], expect: "projectMembership.created")
        _ = try await admin(.delete, "/api/public/projects/{projectId}/memberships", "/api/public/projects/\(projectID)/memberships",
                            ["userId": .string(userID)], expect: "projectMembership.deleted")
        _ = try await admin(.delete, "/api/public/organizations/memberships", "/api/public/organizations/memberships", ["userId": .string(userID)],
                            expect: "organizationMembership.deleted")
        let second = try await admin(.post, "/api/public/scim/Users", "/api/public/scim/Users", ["userName": "bob@acme.io", "name": [:]],
                                     expect: "user.created")
        _ = try await admin(.delete, "/api/public/scim/Users/{userId}", "/api/public/scim/Users/\(second?.objectValue?["id"]?.stringValue ?? "")",
                            expect: "organizationMembership.deleted")
        _ = try await admin(.delete, "/api/public/projects/{projectId}", "/api/public/projects/\(projectID)", expect: "project.deleted")

        func person(_ path: String, _ body: JSONValue, cookie: String? = nil, csrf: String? = nil, expect action: String) async throws -> TestResponse {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let cookie { headers[.cookie] = cookie }
            if let csrf { headers[AuthMiddleware.csrfHeader] = csrf }
            let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body.jsonText))
            #expect((200..<300).contains(Int(response.status.code)), "POST \(path): \(response.status) \(String(buffer: response.body))")
            performed.append(("POST \(path)", action))
            return response
        }
        _ = try await person("/api/auth/sign-up", ["email": "carol@acme.io", "password": "carol-pass-1"], expect: "user.created")
        let signedIn = try await person("/api/auth/sign-in", ["email": "carol@acme.io", "password": "carol-pass-1"], expect: "session.created")
        let cookie = signedIn.headers[.setCookie].map { String($0.split(separator: ";")[0]) } ?? ""
        var csrf = (try? harness.json(signedIn).objectValue?["csrfToken"]?.stringValue) ?? nil
        let changed = try await person("/api/auth/password", ["currentPassword": "carol-pass-1", "newPassword": "carol-pass-2"], cookie: cookie,
                                       csrf: csrf, expect: "user.password-changed")
        let fresh = changed.headers[.setCookie].map { String($0.split(separator: ";")[0]) } ?? ""
        csrf = (try? harness.json(changed).objectValue?["csrfToken"]?.stringValue) ?? nil
        _ = try await person("/api/auth/sign-out", [:], cookie: fresh, csrf: csrf, expect: "session.revoked")
        return performed
    }

    /// `/a/:b/c` as `/a/{b}/c`, whichever of the two forms the router describes its captures in.
    static func template(_ path: String) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map { part in
            part.hasPrefix(":") ? "{\(part.dropFirst())}" : String(part)
        }
        return parts.joined(separator: "/")
    }
}
