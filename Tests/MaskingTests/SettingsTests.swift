import Testing
import LanternPluginSDK
@testable import Masking

/// The factory's settings: defaults, and every refusal naming its key path.
@Suite struct SettingsTests {
    private let factory = MaskingFactory()

    private func issues(_ values: [String: JSONValue]) -> [String] {
        factory.validate(PluginSettings(values)).map(\.description)
    }

    @Test func factoryIdentity() {
        #expect(factory.type == "masking")
        #expect(factory.kind == .processor)
        #expect(Set(factory.settings.map(\.key)) == ["rules", "hashSecret", "maskKeys"])
    }

    @Test func noSettingsMaskEverythingWithEveryDetector() throws {
        #expect(issues([:]).isEmpty)
        let settings = try MaskingSettings.read(PluginSettings())
        #expect(settings.rules.map { $0.detector.name } == DetectorCatalog.builtIns.map { $0.name })
        #expect(settings.rules.allSatisfy { $0.scope.everywhere && $0.replacement == .redact && !$0.numbers })
        #expect(settings.maskKeys)
        #expect(settings.hashSecret == nil)
    }

    @Test func validRules() throws {
        let values: [String: JSONValue] = [
            "rules": [
                ["detector": "email", "replacement": "hash", "fields": ["input", "metadata:*_email"]],
                ["detector": "creditCard", "numbers": true],
                ["detector": "custom", "name": "employee_id", "pattern": "EMP-[0-9]{6}", "fields": ["datasetItem", "comment"]],
            ],
            "hashSecret": "0123456789abcdef",
            "maskKeys": false,
        ]
        #expect(issues(values).isEmpty)
        let settings = try MaskingSettings.read(PluginSettings(values))
        #expect(settings.rules.map { $0.detector.name } == ["email", "credit_card", "employee_id"])
        #expect(settings.rules[0].scope.fields == [.input])
        #expect(settings.rules[0].scope.metadataKeys == [KeyGlob("*_email")])
        #expect(settings.rules[2].rank > settings.rules[1].rank)
        #expect(!settings.maskKeys)
    }

    @Test func namedRulesAreAcceptedToo() {
        // The form the kernel's type check lets through today (an object): issues are keyed by the rule's name.
        #expect(issues(["rules": ["cards": ["detector": "credit_card"], "ids": ["detector": "custom", "name": "emp", "pattern": "E[0-9]+"]]])
            .isEmpty)
        #expect(issues(["rules": ["mail": ["detector": "emial"]]]).first?.hasPrefix("rules.mail.detector: unknown detector 'emial'") == true)
    }

    @Test func unknownDetectorNamesTheKnownOnes() {
        let found = issues(["rules": [["detector": "email"], ["detector": "phone"], ["detector": "emial"]]])
        #expect(found == ["rules[2].detector: unknown detector 'emial' (known: private_key, jwt, anthropic_key, openai_key, "
            + "aws_access_key, github_token, secret, iban, credit_card, email, phone, ssn, ipv4, ipv6, custom)"])
    }

    /// Settings and the one issue each must give.
    private static let refusalCases: [([String: JSONValue], String)] = [
        (["rules": "email"], "rules: must be a list of rules or an object of named rules (got \"email\")"),
        (["rules": []], "rules: names no rule; leave it out to mask with every built-in detector"),
        (["rules": ["email"]], "rules[0]: must be an object with a detector (got \"email\")"),
        (["rules": [[:]]], "rules[0].detector: is required: one of private_key, jwt, anthropic_key, openai_key, aws_access_key, "
            + "github_token, secret, iban, credit_card, email, phone, ssn, ipv4, ipv6, custom"),
        (["rules": [["detector": "email", "colour": "red"]]],
         "rules[0].colour: unknown key (known: detector, name, pattern, fields, replacement, numbers)"),
        (["rules": [["detector": "email", "replacement": "scramble"]]], "rules[0].replacement: must be redact or hash (got \"scramble\")"),
        (["rules": [["detector": "email", "numbers": true]]], "rules[0].numbers: applies only to credit_card and phone rules"),
        (["rules": [["detector": "phone", "numbers": "yes"]]], "rules[0].numbers: must be true or false (got \"yes\")"),
        (["rules": [["detector": "email", "fields": "input"]]],
         "rules[0].fields: must be a list of fields (input, output, metadata, comment, datasetItem, media, metadata:<key glob>)"),
        (["rules": [["detector": "email", "fields": []]]], "rules[0].fields: names no field; leave it out to mask every field"),
        (["rules": [["detector": "email", "fields": ["input", "inptu"]]]],
         "rules[0].fields[1]: unknown field 'inptu' (known: input, output, metadata, comment, datasetItem, media, metadata:<key glob>)"),
        (["rules": [["detector": "email", "fields": ["metadata:"]]]],
         "rules[0].fields[0]: needs a key glob after 'metadata:' (as in metadata:http.*)"),
        (["rules": [["detector": "email", "name": "x"]]], "rules[0].name: is only for custom rules (detector: custom)"),
        (["rules": [["detector": "custom", "pattern": "x+"]]],
         "rules[0].name: is required for a custom rule: the name its replacements show"),
        (["rules": [["detector": "custom", "name": "Employee ID", "pattern": "x+"]]],
         "rules[0].name: must be 1 to 40 lower-case letters, digits or '_', starting with a letter (got 'Employee ID')"),
        (["rules": [["detector": "custom", "name": "email", "pattern": "x+"]]], "rules[0].name: 'email' is a built-in detector's name; choose another"),
        (["rules": [["detector": "custom", "name": "ids"]]], "rules[0].pattern: is required for a custom rule: a regular expression"),
        (["rules": [["detector": "custom", "name": "ids", "pattern": "([0-9]"]]], "rules[0].pattern: is not a valid regular expression: ([0-9]"),
        (["rules": [["detector": "custom", "name": "ids", "pattern": "[0-9]*"]]],
         "rules[0].pattern: matches the empty text, so it would match everywhere: [0-9]*"),
        (["rules": [["detector": "email", "replacement": "hash"]]], "hashSecret: is required when a rule hashes (rules[0].replacement is hash)"),
        (["hashSecret": "short"], "hashSecret: must be at least 16 characters"),
        (["hashSecret": 1234567890123456], "hashSecret: must be a string (got 1234567890123456)"),
        (["maskKeys": "no"], "maskKeys: must be true or false (got \"no\")"),
    ]

    @Test(arguments: refusalCases)
    func refusals(values: [String: JSONValue], expected: String) {
        #expect(issues(values) == [expected])
    }

    @Test func everyIssueIsReportedAtOnce() {
        let found = issues([
            "rules": [["detector": "emial"], ["detector": "email", "fields": ["bogus"], "replacement": "hash"]],
            "maskKeys": 3,
        ])
        #expect(found.count == 4, "\(found)")
        #expect(found.contains { $0.hasPrefix("rules[0].detector:") })
        #expect(found.contains { $0.hasPrefix("rules[1].fields[0]:") })
        #expect(found.contains { $0.hasPrefix("maskKeys:") })
        #expect(found.contains { $0.hasPrefix("hashSecret:") })
    }

    @Test func makeRefusesWhatValidateRefuses() {
        #expect(throws: MaskingSettingsError.self) {
            try factory.make(PluginSettings(["rules": [["detector": "emial"]]]), context: ComponentContext(instanceID: "mask", configDirectory: "/tmp"))
        }
    }

    @Test func detectorNamesIgnoreCaseAndSeparators() {
        for name in ["credit_card", "creditCard", "CreditCard", "credit-card"] {
            #expect(DetectorCatalog.builtIn(named: name)?.detector.name == "credit_card", "\(name)")
        }
        #expect(DetectorCatalog.builtIn(named: "credit") == nil)
    }
}
