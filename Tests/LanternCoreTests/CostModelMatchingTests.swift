import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

/// Which model definition a generation gets (contract §7): pattern, project, start date.
@Suite("Cost: model matching")
struct CostModelMatchingTests {
    private static let created = Date(timeIntervalSince1970: 0)

    private static func definition(_ id: String, _ pattern: String, project: String? = nil, start: String? = nil) -> ModelDefinition {
        ModelDefinition(id: id, projectID: project, modelName: id, matchPattern: pattern,
                        startDate: start.flatMap(ISO8601Timestamp.parse), createdAt: created)
    }

    private static func at(_ text: String) -> Date { ISO8601Timestamp.parse(text) ?? .distantPast }

    @Test func projectDefinitionsWinOverBuiltInOnes() {
        let matcher = ModelMatcher(definitions: [
            Self.definition("builtin", "(?i)^(openai/)?(gpt-4o)$"),
            Self.definition("mine", "(?i)^gpt-4o$", project: "p1"),
            Self.definition("theirs", "(?i)^gpt-4o$", project: "p2", start: "2020-01-01T00:00:00Z"),
        ])
        let now = Self.at("2026-01-01T00:00:00Z")
        #expect(matcher.match(modelName: "gpt-4o", projectID: "p1", startTime: now)?.id == "mine")
        #expect(matcher.match(modelName: "gpt-4o", projectID: "p2", startTime: now)?.id == "theirs")
        #expect(matcher.match(modelName: "gpt-4o", projectID: "p3", startTime: now)?.id == "builtin", "other projects' models are invisible")
        #expect(matcher.match(modelName: "openai/gpt-4o", projectID: "p1", startTime: now)?.id == "builtin", "only the built-in pattern matches")
    }

    @Test func latestStartDateNotAfterTheGenerationWins() {
        let matcher = ModelMatcher(definitions: [
            Self.definition("undated", "^m$"),
            Self.definition("2025", "^m$", start: "2025-01-01T00:00:00Z"),
            Self.definition("2024", "^m$", start: "2024-01-01T00:00:00Z"),
        ])
        #expect(matcher.match(modelName: "m", projectID: "p", startTime: Self.at("2025-06-01T00:00:00Z"))?.id == "2025")
        #expect(matcher.match(modelName: "m", projectID: "p", startTime: Self.at("2024-06-01T00:00:00Z"))?.id == "2024",
                "the 2025 prices start after this generation")
        #expect(matcher.match(modelName: "m", projectID: "p", startTime: Self.at("2025-01-01T00:00:00Z"))?.id == "2025",
                "a start date equal to the generation's applies")
        #expect(matcher.match(modelName: "m", projectID: "p", startTime: Self.at("2023-06-01T00:00:00Z"))?.id == "undated")
    }

    @Test func aProjectDefinitionStartingLaterDoesNotApplyYet() {
        let matcher = ModelMatcher(definitions: [
            Self.definition("builtin", "^m$"),
            Self.definition("mine", "^m$", project: "p", start: "2027-01-01T00:00:00Z"),
        ])
        #expect(matcher.match(modelName: "m", projectID: "p", startTime: Self.at("2026-01-01T00:00:00Z"))?.id == "builtin")
        #expect(matcher.match(modelName: "m", projectID: "p", startTime: Self.at("2027-02-01T00:00:00Z"))?.id == "mine",
                "the same cached candidates serve a later generation")
    }

    @Test func invalidPatternsNeverMatchAndNeverTrap() {
        let matcher = ModelMatcher(definitions: [
            Self.definition("broken", "(unclosed"), Self.definition("bracket", "[a-"), Self.definition("fine", "^gpt"),
        ])
        #expect(matcher.match(modelName: "(unclosed", projectID: "p", startTime: Date()) == nil)
        #expect(matcher.match(modelName: "gpt-4o", projectID: "p", startTime: Date())?.id == "fine")
    }

    @Test func caseSensitivityFollowsTheInlineFlag() {
        let insensitive = ModelMatcher(definitions: [Self.definition("i", "(?i)^gpt-4o$")])
        let sensitive = ModelMatcher(definitions: [Self.definition("s", "^gpt-4o$")])
        #expect(insensitive.match(modelName: "GPT-4o", projectID: "p", startTime: Date())?.id == "i")
        #expect(sensitive.match(modelName: "GPT-4o", projectID: "p", startTime: Date()) == nil, "Postgres `~` is case-sensitive")
        #expect(sensitive.match(modelName: "gpt-4o", projectID: "p", startTime: Date())?.id == "s")
    }

    @Test func patternsSearchAnywhereLikePostgres() {
        let matcher = ModelMatcher(definitions: [Self.definition("gpt", "gpt-4")])
        #expect(matcher.match(modelName: "azure/my-gpt-4-deployment", projectID: "p", startTime: Date())?.id == "gpt")
        #expect(matcher.match(modelName: "", projectID: "p", startTime: Date()) == nil, "an empty name matches nothing")
    }

    @Test func realBuiltInPatternsMatchProviderSpellings() throws {
        let matcher = ModelMatcher(definitions: try CostReferenceExcerpt.definitions())
        let cases = ["gpt-4o": "gpt-4o", "OpenAI/GPT-4o": "gpt-4o", "gpt-4o-mini": nil, "o3": "o3",
                     "anthropic.claude-sonnet-4-20250514-v1:0": "claude-sonnet-4-20250514",
                     "claude-sonnet-4@20250514": "claude-sonnet-4-20250514", "googleai/gemini-2.5-pro": "gemini-2.5-pro"]
        for (name, expected) in cases {
            #expect(matcher.match(modelName: name, projectID: "p", startTime: Date())?.modelName == expected, "\(name)")
        }
    }
}
