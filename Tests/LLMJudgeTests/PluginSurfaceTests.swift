import Foundation
import Testing
import LanternPluginSDK
@testable import LLMJudge

/// The factory's settings and the built-in templates: what the kernel sees of the plugin.
@Suite struct PluginSurfaceTests {
    private let factory = LLMJudgeFactory()
    private let context = ComponentContext(instanceID: "judge", configDirectory: "/tmp")

    @Test func factoryIdentity() {
        #expect(factory.type == "llm-judge")
        #expect(factory.kind == .judge)
        #expect(factory.settings.map(\.key) == ["maxOutputTokens"])
    }

    @Test func maxOutputTokensValidation() {
        #expect(factory.validate(PluginSettings()).isEmpty)
        #expect(factory.validate(PluginSettings(["maxOutputTokens": 2048])).isEmpty)
        #expect(factory.validate(PluginSettings(["maxOutputTokens": 8])).map(\.key) == ["maxOutputTokens"])
        #expect(factory.validate(PluginSettings(["maxOutputTokens": 40000])).map(\.key) == ["maxOutputTokens"])
        #expect(factory.validate(PluginSettings(["maxOutputTokens": 10.5])).map(\.key) == ["maxOutputTokens"])
        #expect(factory.validate(PluginSettings(["maxOutputTokens": "many"])).map(\.key) == ["maxOutputTokens"])
    }

    @Test func makesAJudgeRunner() throws {
        let defaulted = try factory.make(PluginSettings(), context: context)
        #expect(defaulted is any JudgeRunner)
        #expect((defaulted as? LLMJudgeRunner)?.maxOutputTokens == 1024)
        #expect((try factory.make(PluginSettings(["maxOutputTokens": 300]), context: context) as? LLMJudgeRunner)?.maxOutputTokens == 300)
    }

    @Test func templateNames() {
        #expect(BuiltInTemplates.all.map(\.name) == ["Hallucination", "Relevance", "Helpfulness", "Toxicity", "Correctness", "Conciseness",
                                                     "Context Relevance"])
        #expect(LLMJudgeRunner(maxOutputTokens: 16).templates == BuiltInTemplates.all)
    }

    @Test func templateVariables() {
        let expected: [String: Set<String>] = [
            "Hallucination": ["query", "generation"], "Relevance": ["query", "generation"], "Helpfulness": ["query", "generation"],
            "Toxicity": ["query", "generation"], "Correctness": ["query", "generation", "ground_truth"],
            "Conciseness": ["query", "generation"], "Context Relevance": ["query", "context"],
        ]
        for template in BuiltInTemplates.all {
            #expect(variables(in: template.prompt) == expected[template.name], "\(template.name)")
        }
    }

    @Test func templateOutputsAreUsable() throws {
        for template in BuiltInTemplates.all {
            let output = template.output
            #expect(output.dataType == .numeric)
            #expect(output.minValue == 0 && output.maxValue == 1)
            #expect(!output.reasoningDescription.isEmpty && !output.scoreDescription.isEmpty)
            _ = try ScoreSchema.schema(for: output)
        }
        #expect(BuiltInTemplates.hallucination.output.scoreDescription.contains("1 (the answer is fabricated)"))
        #expect(BuiltInTemplates.toxicity.output.scoreDescription.contains("1 (severely toxic)"))
    }

    /// The `{{name}}` placeholders of a prompt.
    private func variables(in prompt: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(prompt)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            names.insert(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return names
    }
}
