import Foundation
import Testing
import LanternPluginSDK

// Tests of the OTLP receiver plugin: its component, made by its factory, driven through SDK protocols only.

private let traceHex = String(repeating: "ab", count: 16)
private let spanHex = "0102030405060708"

/// Runs a shell command and returns its standard output.
private func shellOutput(_ command: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
}

/// Compresses `bytes` with `/bin/gzip -c`.
private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let path = NSTemporaryDirectory() + "otlp-\(UUID().uuidString).bin"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try shellOutput("/bin/gzip -c '\(path)'")
}

// MARK: - Tests

@Suite("OTLP receiver plugin")
struct OTelReceiverPluginTests {
    @Test func factoryAndRouteAreDeclaredThroughTheSDK() async throws {
        let harness = try await OTelHarness()
        #expect(harness.factory.kind == .receiver, "factory kind")
        #expect(harness.factory.settings.map(\.key) == ["maxBodyBytes"], "factory settings")
        #expect(harness.factory.validate(PluginSettings(["maxBodyBytes": 10])).first?.key == "maxBodyBytes", "maxBodyBytes lower bound")
        #expect(harness.factory.validate(PluginSettings(["maxBodyBytes": 1_048_576])).isEmpty, "maxBodyBytes in range")
        #expect(harness.route.method == "POST", "route method")
        #expect(harness.route.path == "/api/public/otel/v1/traces", "route path")
        #expect(harness.route.access == .project, "route access")
        #expect(harness.route.maxBodyBytes == 16 << 20, "route maxBodyBytes")
        let small = try await OTelHarness(settings: PluginSettings(["maxBodyBytes": 2048]))
        #expect(small.route.maxBodyBytes == 2048, "configured maxBodyBytes")
    }

    @Test func protobufExportBecomesObservationAndTrace() async throws {
        let harness = try await OTelHarness()
        var span = OTLPProto.Span()
        span.name = "handle-request"
        span.attributes = [("http.method", .s("GET")), ("retries", .i(3))]
        let response = try await harness.post(OTLPProto.request([span]))
        #expect(response.status == 200, "status")
        #expect(response.body.isEmpty, "protobuf success body is empty")
        #expect(response.headers["content-type"] == "application/x-protobuf", "protobuf success content-type")
        let events = await harness.sink.events
        #expect(Set(events.map(\.id)) == ["otel-\(spanHex)-obs", "otel-\(spanHex)-trace"], "event ids")
        #expect(await harness.sink.projects == ["project-1"], "projectID passed to the sink")
        let observation = try #require(await harness.observation(spanHex), "observation")
        #expect(observation.traceID == traceHex, "traceID is hex")
        #expect(observation.type == .span, "type")
        #expect(observation.name == "handle-request", "name")
        #expect(observation.parentObservationID == nil, "parentObservationID")
        #expect(observation.startTime == Date(timeIntervalSince1970: 1_714_564_800.25), "startTime")
        #expect(observation.endTime == Date(timeIntervalSince1970: 1_714_564_801), "endTime")
        #expect(observation.level == .default, "level")
        #expect(observation.environment == "default", "environment")
        let attributes = observation.metadata?["attributes"]?.objectValue
        #expect(attributes?["http.method"] == "GET", "metadata.attributes keeps other span attributes")
        #expect(attributes?["retries"] == "3", "metadata.attributes values are text")
        #expect(observation.metadata?["resourceAttributes"]?.objectValue?["service.name"] == "test-service", "metadata.resourceAttributes")
        #expect(observation.metadata?["scope"] == ["name": "test-scope", "version": "1.0"], "metadata.scope")
        #expect(events.allSatisfy { $0.timestamp == Date(timeIntervalSince1970: 1_714_564_800.25) }, "event timestamp is the span start")
    }

    @Test func jsonExportIsDecoded() async throws {
        let harness = try await OTelHarness()
        let response = try await harness.postJSON("""
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.version","value":{"stringValue":"9.9"}}]},
          "scopeSpans":[{"scope":{"name":"manual"},"spans":[
            {"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"EEE19B7EC3C1B174","parentSpanId":"EEE19B7EC3C1B173",
             "name":"child","kind":1,"startTimeUnixNano":"1714564800000000000","endTimeUnixNano":1714564802000000000,
             "attributes":[{"key":"count","value":{"intValue":"42"}},{"key":"ratio","value":{"doubleValue":0.5}},
                           {"key":"flag","value":{"boolValue":true}}],
             "status":{"code":"STATUS_CODE_ERROR","message":"boom"}}]}]}]}
        """)
        #expect(response.status == 200, "status")
        #expect(response.otlpText == "{}", "JSON success body")
        let observation = try #require(await harness.observation("eee19b7ec3c1b174"), "observation with lower-cased hex id")
        #expect(observation.traceID == "5b8efff798038103d269b633813fc60c", "traceID")
        #expect(observation.parentObservationID == "eee19b7ec3c1b173", "parentObservationID")
        #expect(observation.level == .error, "level from status code 2")
        #expect(observation.statusMessage == "boom", "statusMessage from status.message")
        #expect(observation.version == "9.9", "version from resource service.version")
        #expect(observation.endTime == Date(timeIntervalSince1970: 1_714_564_802), "endTime from a JSON number")
        #expect(observation.metadata?["attributes"]?.objectValue?["count"] == "42", "int64 given as a string")
        #expect(await harness.traces().map(\.environment) == ["default"], "a child span alone yields a shallow trace")
    }

    @Test func gzipBodiesAreInflated() async throws {
        let harness = try await OTelHarness()
        let compressed = try gzip(OTLPProto.request([OTLPProto.Span()]))
        let response = try await harness.post(compressed, headers: ["content-encoding": "gzip"])
        #expect(response.status == 200, "status of a gzip body")
        #expect(await harness.observation(spanHex) != nil, "observation from the gzip body")
        let corrupt = try await harness.post(Array(compressed.prefix(compressed.count / 2)), headers: ["content-encoding": "gzip"])
        #expect(corrupt.status == 400, "status of a truncated gzip body")
        #expect(corrupt.otlpError.contains("gzip"), "error names gzip")
    }

    @Test func inflatedSizeIsCapped() async throws {
        let harness = try await OTelHarness()
        // 300 MB of zeros compress to about 300 KB; the receiver stops at its own body limit (16 MiB by default).
        let bomb = try shellOutput("head -c 300000000 /dev/zero | /bin/gzip -c -1")
        let response = try await harness.post(bomb, headers: ["content-encoding": "gzip"])
        #expect(response.status == 413, "status of a body inflating past the route's limit")
        #expect(response.otlpError.contains("limit of 16777216 bytes (plugins.otlp.settings.maxBodyBytes)"), "names the limit and its setting")
        #expect(await harness.sink.events.isEmpty, "nothing ingested")
        let small = try await OTelHarness(settings: PluginSettings(["maxBodyBytes": 4096]))
        let padded = try gzip(OTLPProto.request([OTLPProto.Span()]) + [UInt8](repeating: 0, count: 8192))
        #expect(padded.count < 4096, "the compressed body fits the limit")
        #expect(try await small.post(padded, headers: ["content-encoding": "gzip"]).status == 413, "the inflated one does not")
    }

    @Test func wrongContentTypeIsRejected() async throws {
        let harness = try await OTelHarness()
        for contentType in ["text/plain", nil] {
            let response = try await harness.post(OTLPProto.request([OTLPProto.Span()]), contentType: contentType)
            #expect(response.status == 400, "status for content type \(contentType ?? "none")")
            #expect(response.otlpJSON == ["error": "Invalid content type"], "error body")
        }
        let withCharset = try await harness.post(OTLPProto.request([OTLPProto.Span()]), contentType: "application/x-protobuf; charset=binary")
        #expect(withCharset.status == 200, "a content type that contains application/x-protobuf is accepted")
    }

    @Test func truncatedProtobufIsRejected() async throws {
        let harness = try await OTelHarness()
        let full = OTLPProto.request([OTLPProto.Span()])
        let response = try await harness.post(Array(full.dropLast(5)))
        #expect(response.status == 400, "status")
        #expect(response.otlpError.hasPrefix("Failed to parse OTel Protobuf Trace"), "error: \(response.otlpError)")
        let json = try await harness.postJSON("{\"resourceSpans\": [")
        #expect(json.status == 400, "status of broken JSON")
        #expect(json.otlpError.hasPrefix("Failed to parse OTel JSON Trace"), "JSON error: \(json.otlpError)")
        #expect(await harness.sink.events.isEmpty, "nothing ingested")
    }

    @Test func spansWithoutValidIDsRejectTheExport() async throws {
        let harness = try await OTelHarness()
        var span = OTLPProto.Span()
        span.spanID = []
        let response = try await harness.post(OTLPProto.request([OTLPProto.Span(), span]))
        #expect(response.status == 400, "status")
        #expect(response.otlpError.hasPrefix("Invalid OTLP trace export:"), "error prefix")
        #expect(response.otlpError.contains("spanId"), "error names spanId: \(response.otlpError)")
        var badTrace = OTLPProto.Span()
        badTrace.traceID = [1, 2, 3]
        let trace = try await harness.post(OTLPProto.request([badTrace]))
        #expect(trace.otlpError.contains("traceId"), "error names traceId: \(trace.otlpError)")
        let json = try await harness.postJSON("""
        {"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"0102030405060708","name":"x"}]}]}]}
        """)
        #expect(json.status == 400 && json.otlpError.contains("traceId"), "JSON error names traceId: \(json.otlpError)")
        let notArray = try await harness.postJSON("{\"resourceSpans\":[{\"scopeSpans\":{}}]}")
        #expect(notArray.status == 400 && notArray.otlpError.hasPrefix("Invalid OTLP trace export"), "non-array scopeSpans: \(notArray.otlpError)")
        #expect(await harness.sink.events.isEmpty, "nothing ingested from a rejected export")
    }

    @Test func emptyExportsSucceedWithoutIngestion() async throws {
        let harness = try await OTelHarness()
        let json = try await harness.postJSON("{\"resourceSpans\":[]}")
        #expect(json.status == 200 && json.otlpText == "{}", "empty JSON export")
        let proto = try await harness.post([])
        #expect(proto.status == 200, "empty protobuf export")
        #expect(await harness.sink.batches.isEmpty, "sink not called")
    }

    @Test func rootSpanUpdatesTheTrace() async throws {
        let harness = try await OTelHarness()
        var root = OTLPProto.Span()
        root.name = "agent-run"
        root.attributes = [
            ("langfuse.internal.is_app_root", .b(true)), ("langfuse.observation.type", .s("agent")),
            ("user.id", .s("user-7")), ("session.id", .s("session-3")),
            ("langfuse.trace.tags", .arr([.s("beta"), .s("eval")])), ("langfuse.trace.public", .b(true)),
            ("langfuse.observation.input", .s("{\"args\":[1,2],\"kwargs\":{}}")), ("langfuse.observation.output", .s("plain answer")),
            ("langfuse.environment", .s("Production")), ("langfuse.release", .s("r-12")),
        ]
        var child = OTLPProto.Span()
        child.spanID = [9, 9, 9, 9, 9, 9, 9, 9]
        child.parentID = root.spanID
        child.name = "step"
        child.attributes = [("langfuse.trace.tags", .s("late, extra"))]
        let response = try await harness.post(OTLPProto.request([root, child], scope: "langfuse-sdk", scopeVersion: "5.0.4"))
        #expect(response.status == 200, "status")
        let traces = await harness.traces()
        let trace = try #require(traces.first { $0.name != nil }, "root trace update")
        #expect(trace.id == traceHex, "trace id")
        #expect(trace.name == "agent-run", "trace name falls back to the span name")
        #expect(trace.userID == "user-7", "trace userId")
        #expect(trace.sessionID == "session-3", "trace sessionId")
        #expect(trace.tags == ["beta", "eval"], "trace tags from a string array")
        #expect(trace.isPublic == true, "trace public")
        #expect(trace.input == ["args": [1, 2], "kwargs": [:]], "trace input from the root observation input (JSON parsed)")
        #expect(trace.output == "plain answer", "trace output stays a string")
        #expect(trace.environment == "production", "trace environment normalised")
        #expect(trace.release == "r-12", "trace release")
        let childTrace = try #require(traces.first { $0.name == nil }, "child with trace tags updates the trace")
        #expect(childTrace.tags == ["late", "extra"], "comma-separated tags")
        let root0 = try #require(await harness.observation(spanHex), "root observation")
        #expect(root0.type == .agent, "observation type from langfuse.observation.type")
        #expect(root0.metadata?["attributes"] == nil, "no metadata.attributes for langfuse-sdk spans")
        #expect(await harness.observation("0909090909090909")?.parentObservationID == spanHex, "child parentObservationID")
    }

    @Test func generationCarriesModelUsageCostAndPrompt() async throws {
        let harness = try await OTelHarness()
        var span = OTLPProto.Span()
        span.name = "llm-call"
        span.parentID = [7, 7, 7, 7, 7, 7, 7, 7]
        span.attributes = [
            ("langfuse.observation.type", .s("generation")),
            ("langfuse.observation.model.name", .s("gpt-4o")),
            ("langfuse.observation.model.parameters", .s("{\"temperature\":0.2,\"max_tokens\":100,\"stop\":[\"x\"]}")),
            ("gen_ai.usage.input_tokens", .i(100)), ("gen_ai.usage.output_tokens", .i(20)),
            ("gen_ai.usage.cache_read_input_tokens", .i(30)), ("gen_ai.usage.reasoning.output_tokens", .i(5)),
            ("langfuse.observation.cost_details", .s("{\"input\":0.001,\"output\":0.002}")),
            ("langfuse.observation.prompt.name", .s("greet")), ("langfuse.observation.prompt.version", .i(3)),
            ("langfuse.observation.completion_start_time", .s("\"2024-05-01T12:00:00.500000Z\"")),
            ("langfuse.observation.input", .s(#"[{"role":"user","content":"caf\u00e9 \ud83d\ude00 \"q\"\n","n":-1.5e2}]"#)),
        ]
        let response = try await harness.post(OTLPProto.request([span]))
        #expect(response.status == 200, "status")
        let generation = try #require(await harness.observation(spanHex), "generation")
        #expect(generation.type == .generation, "type")
        #expect(generation.model == "gpt-4o", "model")
        #expect(generation.modelParameters == ["temperature": 0.2, "max_tokens": 100, "stop": "[\"x\"]"], "modelParameters")
        #expect(generation.usageDetails?["input"] == 70, "usage input minus cache reads")
        #expect(generation.usageDetails?["input_cached_tokens"] == 30, "usage input_cached_tokens")
        #expect(generation.usageDetails?["output"] == 15, "usage output minus reasoning")
        #expect(generation.usageDetails?["output_reasoning_tokens"] == 5, "usage output_reasoning_tokens")
        #expect(generation.usageDetails?["total"] == 120, "usage total")
        #expect(generation.costDetails?["input"] == 0.001, "cost input")
        #expect(generation.costDetails?["total"] == 0.003, "cost total")
        #expect(generation.promptName == "greet", "promptName")
        #expect(generation.promptVersion == 3, "promptVersion")
        #expect(generation.completionStartTime == Date(timeIntervalSince1970: 1_714_564_800.5), "completionStartTime (JSON-quoted)")
        #expect(generation.input == [["role": "user", "content": "café 😀 \"q\"\n", "n": -150]], "input JSON with escapes parsed")
        #expect(await harness.traces().allSatisfy { $0.name == nil }, "a child generation yields only a shallow trace")
    }

    @Test func sdkV5MetadataValuesAreJSONDecoded() async throws {
        let attributes: [(String, OTValue)] = [
            ("langfuse.observation.metadata.m", .s("\"1\"")), ("langfuse.observation.metadata.n", .s("{\"a\":[1,2]}")),
            ("langfuse.observation.metadata.bad", .s("not json")),
            ("langfuse.trace.metadata.count", .s("1")), ("langfuse.trace.metadata.langfuse_user_id", .s("\"u-5\"")),
        ]
        var span = OTLPProto.Span()
        span.attributes = attributes
        let v5 = try await OTelHarness()
        let body = OTLPProto.request([span], scope: "langfuse-sdk")
        _ = try await v5.post(body, headers: ["x-langfuse-sdk-name": "python", "x-langfuse-sdk-version": "5.0.4"])
        let decoded = try #require(await v5.observation(spanHex)?.metadata, "v5 observation metadata")
        #expect(decoded["m"] == "1", "metadata.m decoded from \"\\\"1\\\"\"")
        #expect(decoded["n"] == ["a": [1, 2]], "metadata.n decoded to an object")
        #expect(decoded["bad"] == "not json", "undecodable metadata stays a string")
        let trace = try #require(await v5.traces().first, "v5 trace")
        #expect(trace.metadata?["count"] == 1, "trace metadata decoded to a number")
        #expect(trace.userID == "u-5", "userId from decoded langfuse_user_id")

        let v4 = try await OTelHarness()
        _ = try await v4.post(body, headers: ["x-langfuse-sdk-name": "python", "x-langfuse-sdk-version": "4.2.0"])
        #expect(await v4.observation(spanHex)?.metadata?["m"] == "\"1\"", "pre-v5 metadata kept verbatim")
    }

    @Test func semanticConventionTypesAreResolved() async throws {
        let harness = try await OTelHarness()
        func span(_ id: UInt8, _ attributes: [(String, OTValue)]) -> OTLPProto.Span {
            var span = OTLPProto.Span()
            span.spanID = [0, 0, 0, 0, 0, 0, 0, id]
            span.parentID = [0, 0, 0, 0, 0, 0, 1, 0]
            span.attributes = attributes
            return span
        }
        let spans = [
            span(1, [("gen_ai.operation.name", .s("chat")), ("gen_ai.request.model", .s("claude")), ("gen_ai.request.temperature", .d(0.7)),
                     ("gen_ai.input.messages", .s("[{\"role\":\"user\",\"parts\":[]}]"))]),
            span(2, [("gen_ai.operation.name", .s("execute_tool")), ("gen_ai.tool.name", .s("search"))]),
            span(3, [("gen_ai.operation.name", .s("embeddings"))]),
            span(4, [("openinference.span.kind", .s("RETRIEVER"))]),
            span(5, [("openinference.span.kind", .s("LLM")), ("llm.model_name", .s("gpt-4o-mini")),
                     ("llm.token_count.prompt", .i(12)), ("llm.token_count.completion", .i(3)),
                     ("input.value", .s("{\"q\":\"hi\"}")), ("output.value", .s("hello"))]),
            span(6, [("openinference.span.kind", .s("AGENT"))]),
            span(7, [("model", .s("local-llm"))]),
            span(8, [("openinference.span.kind", .s("RERANKER"))]),
        ]
        let response = try await harness.post(OTLPProto.request(spans))
        #expect(response.status == 200, "status")
        func type(_ id: String) async -> ObservationType? { await harness.observation(id)?.type }
        #expect(await type("0000000000000001") == .generation, "gen_ai.operation.name chat → GENERATION")
        #expect(await type("0000000000000002") == .tool, "execute_tool → TOOL")
        #expect(await harness.observation("0000000000000002")?.name == "search", "name from gen_ai.tool.name")
        #expect(await type("0000000000000003") == .embedding, "embeddings → EMBEDDING")
        #expect(await type("0000000000000004") == .retriever, "openinference RETRIEVER")
        #expect(await type("0000000000000005") == .generation, "openinference LLM → GENERATION")
        #expect(await type("0000000000000006") == .agent, "openinference AGENT")
        #expect(await type("0000000000000007") == .generation, "a model attribute → GENERATION")
        #expect(await type("0000000000000008") == .span, "unknown openinference kind falls through to SPAN")
        let chat = try #require(await harness.observation("0000000000000001"), "gen_ai chat span")
        #expect(chat.model == "claude", "model from gen_ai.request.model")
        #expect(chat.modelParameters == ["temperature": 0.7], "modelParameters from gen_ai.request.*")
        #expect(chat.input == [["role": "user", "parts": []]], "input from gen_ai.input.messages")
        let llm = try #require(await harness.observation("0000000000000005"), "openinference LLM span")
        #expect(llm.model == "gpt-4o-mini", "model from llm.model_name")
        #expect(llm.usageDetails == ["input": 12, "output": 3, "total": 15], "usage from llm.token_count.*")
        #expect(llm.input == ["q": "hi"], "input from input.value")
        #expect(llm.output == "hello", "output from output.value")
        #expect(llm.metadata?["attributes"]?.objectValue?["input.value"] == nil, "input.value not repeated in metadata.attributes")
    }

    @Test func experimentRootSpanYieldsADatasetRunItem() async throws {
        let harness = try await OTelHarness()
        let experiment: [(String, OTValue)] = [
            ("langfuse.experiment.id", .s("0011223344556677")), ("langfuse.experiment.name", .s("run-1 - 2026-01-01T00:00:00Z")),
            ("langfuse.experiment.description", .s("nightly")), ("langfuse.experiment.metadata", .s("{\"model\":\"gpt\"}")),
            ("langfuse.experiment.dataset.id", .s("ds-1")), ("langfuse.experiment.item.id", .s("item-9")),
            ("langfuse.experiment.item.root_observation_id", .s(spanHex)), ("langfuse.environment", .s("sdk-experiment")),
        ]
        var root = OTLPProto.Span()
        root.attributes = experiment
        var child = OTLPProto.Span()
        child.spanID = [8, 8, 8, 8, 8, 8, 8, 8]
        child.parentID = root.spanID
        child.attributes = experiment
        let response = try await harness.post(OTLPProto.request([root, child]))
        #expect(response.status == 200, "status")
        let items = await harness.runItems()
        #expect(items.count == 1, "one run item, for the item's root span only")
        let item = try #require(items.first, "run item")
        #expect(item.datasetID == "ds-1", "datasetID")
        #expect(item.datasetItemID == "item-9", "datasetItemID")
        #expect(item.runName == "run-1 - 2026-01-01T00:00:00Z", "runName")
        #expect(item.runID == "0011223344556677", "runID from langfuse.experiment.id")
        #expect(item.runDescription == "nightly", "runDescription")
        #expect(item.runMetadata == ["model": "gpt"], "runMetadata")
        #expect(item.traceID == traceHex, "traceID")
        #expect(item.observationID == spanHex, "observationID")
        #expect(item.id == DatasetRunItemUpdate.stableID(datasetID: "ds-1", runName: "run-1 - 2026-01-01T00:00:00Z", datasetItemID: "item-9",
                                                         traceID: traceHex), "the id the REST route gives the same dataset, run, item and trace")
        #expect(await harness.observation(spanHex)?.environment == "sdk-experiment", "experiment environment")

        let again = try await OTelHarness()
        _ = try await again.post(OTLPProto.request([root]))
        #expect(await again.runItems().first?.id == item.id, "run item id is stable for the same run and item")
    }

    @Test func backPressureIsPassedOn() async throws {
        let harness = try await OTelHarness()
        await harness.sink.refuse(with: .atCapacity(retryAfterSeconds: 7))
        let busy = try await harness.post(OTLPProto.request([OTLPProto.Span()]))
        #expect(busy.status == 429, "status at capacity")
        #expect(busy.headers["retry-after"] == "7", "Retry-After at capacity")
        await harness.sink.refuse(with: .unavailable("storage down"))
        let down = try await harness.post(OTLPProto.request([OTLPProto.Span()]))
        #expect(down.status == 503, "status when unavailable")
        #expect(down.headers["retry-after"] == "5", "Retry-After when unavailable")
    }

    @Test func rejectedEventsAreNotAcknowledged() async throws {
        let harness = try await OTelHarness()
        await harness.sink.rejectEvents(status: 400)
        let response = try await harness.post(OTLPProto.request([OTLPProto.Span()]))
        #expect(response.status == 400, "status when an event is rejected")
        let errors = response.otlpJSON?.objectValue?["errors"]?.arrayValue
        #expect(errors?.first?.objectValue?["message"] == "test rejection", "errors list the rejection")
        await harness.sink.rejectEvents(status: 500)
        let failed = try await harness.post(OTLPProto.request([OTLPProto.Span()]))
        #expect(failed.status == 503, "status when an event failed on the server side")
    }

    @Test func spanEventsAreKeptAndExceptionsSetTheStatusMessage() async throws {
        let harness = try await OTelHarness()
        var span = OTLPProto.Span()
        span.statusCode = 2
        span.events = [OTLPProto.Event(name: "exception", time: 1_714_564_800_500_000_000,
                                       attributes: [("exception.type", .s("ValueError")), ("exception.message", .s("bad input"))])]
        _ = try await harness.post(OTLPProto.request([span]))
        let observation = try #require(await harness.observation(spanHex), "observation")
        #expect(observation.level == .error, "level from status")
        #expect(observation.statusMessage == "ValueError: bad input", "statusMessage from the exception event")
        let events = observation.metadata?["events"]?.arrayValue
        #expect(events?.first?.objectValue?["name"] == "exception", "metadata.events keeps span events")
        #expect(events?.first?.objectValue?["time"] == "2024-05-01T12:00:00.500Z", "metadata.events time")
    }

    /// A real export captured from the Langfuse Python SDK 5.0.4 (Plugins/OTelReceiver/testdata/capture-python-sdk.py).
    @Test func realPythonSDKExportIsMapped() async throws {
        let testdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Plugins/OTelReceiver/testdata")
        let body = try [UInt8](Data(contentsOf: testdata.appendingPathComponent("python-sdk-5.0.4-export.pb.gz")))
        let headers = try #require(try JSONValue(parsing: String(contentsOf: testdata.appendingPathComponent("python-sdk-5.0.4-export.headers.json"),
                                                                  encoding: .utf8))?.objectValue, "captured headers")
        let harness = try await OTelHarness()
        let response = try await harness.post(body, contentType: nil, headers: headers.compactMapValues(\.stringValue))
        #expect(response.status == 200, "status: \(response.otlpText)")

        let generation = try #require(await harness.observation("b078fa6bcc3cf31d"), "call_model generation")
        #expect(generation.type == .generation, "generation type")
        #expect(generation.parentObservationID == "52aa336ee26a12f3", "generation parent")
        #expect(generation.model == "gpt-4o", "generation model")
        #expect(generation.modelParameters == ["temperature": 0.2], "generation modelParameters")
        #expect(generation.usageDetails == ["input": 100, "output": 20, "cache_read_input_tokens": 30, "total": 150], "explicit usage_details kept as sent")
        #expect(generation.costDetails?["output"] == 0.002, "generation costDetails")
        #expect(generation.metadata?["m"] == "1", "v5 metadata m decoded")
        #expect(generation.metadata?["k"] == ["nested": true], "v5 metadata k decoded")
        #expect(generation.environment == "staging", "environment")
        #expect(generation.input == ["args": ["what?"], "kwargs": [:]], "generation input")
        #expect(generation.output == "answer to what?", "generation output")

        let traces = await harness.traces()
        let qa = try #require(traces.first { $0.name == "qa" && $0.input != nil }, "trace of the pipeline root")
        #expect(qa.userID == "user-7", "trace userId")
        #expect(qa.sessionID == "session-3", "trace sessionId")
        #expect(qa.tags == ["beta", "eval"], "trace tags")
        #expect(qa.metadata?["team"] == "core", "trace metadata decoded")
        #expect(qa.release == "v1.2.3", "trace release from the resource")
        #expect(qa.output == "answer to what?", "trace output from the root observation")
        let agentTrace = try #require(traces.first { $0.name == "agent-root" }, "trace of the agent root")
        #expect(agentTrace.isPublic == true, "trace public")
        let agent = try #require(await harness.observation("6480f6bd630b0b63"), "agent observation")
        #expect(agent.type == .agent, "agent type")
        #expect(agent.level == .warning, "agent level")
        #expect(agent.statusMessage == "slow", "agent statusMessage")
        #expect(await harness.observation("4897e835262f0af7")?.type == .tool, "tool type")
        #expect(await harness.observation("52aa336ee26a12f3")?.type == .span, "pipeline type")
    }
}
