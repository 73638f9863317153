import Testing
@testable import LanternCore
import LanternPluginSDK

@Suite("Config parsing")
struct ConfigParserTests {
    let parser = ConfigParser(environment: ["PORT": "4000", "EMPTY": ""])

    func parse(_ text: String) throws(ConfigError) -> LanternConfig {
        try parser.parse(text: text, displayPath: "cfg/test.yaml", absolutePath: "/tmp/cfg/test.yaml")
    }

    @Test func substitutesVariablesAndDefaults() throws {
        let config = try parse("""
        version: 1
        server: { port: ${PORT}, host: "${HOST:-0.0.0.0}" }
        plugins:
          storage:
            load: ${PLUGIN:-SQLiteStorage}
            settings: { path: "${EMPTY:-fallback.db}", size: 3, on: true }
        """)
        #expect(config.server.port == 4000)
        #expect(config.server.host == "0.0.0.0")
        #expect(config.components.first?.load == "SQLiteStorage")
        #expect(config.components.first?.settings == ["path": "fallback.db", "size": 3, "on": true])
        #expect(config.directory == "/tmp/cfg")
    }

    @Test func loggingFormatAndLevelAreCheckedByName() throws {
        let config = try parse("version: 1\nlogging: { format: json, level: warning }\n")
        #expect(config.logging.format == .json && config.logging.level == "warning")
        #expect(try parse("version: 1\n").logging == LanternConfig.Logging(), "text at info by default")
        #expect { try parse("version: 1\nlogging: { format: xml, level: loud, colour: red }\n") } throws: { error in
            let text = "\(error)"
            return text.contains("logging.format: must be text or json (got xml)") && text.contains("logging.level: must be one of trace")
                && text.contains("logging.colour")
        }
    }

    @Test func evaluationSettingsAreReadAndChecked() throws {
        let config = try parse("version: 1\nevaluation: { concurrency: 8, settleMilliseconds: 0, defaultModel: { provider: openai, model: gpt-4o-mini } }\n")
        #expect(config.evaluation.concurrency == 8 && config.evaluation.settleMilliseconds == 0)
        #expect(config.evaluation.defaultModel == EvaluationSettings.DefaultModel(provider: "openai", model: "gpt-4o-mini"))
        #expect(try parse("version: 1\n").evaluation == EvaluationSettings(), "defaults without the section")
        #expect { try parse("version: 1\nevaluation: { concurrency: 0, retries: 3, defaultModel: { provider: openai } }\n") } throws: { error in
            let text = "\(error)"
            return text.contains("evaluation.concurrency") && text.contains("evaluation.retries") && text.contains("evaluation.defaultModel: needs both")
        }
    }

    @Test func connectionLimitsAreRangeChecked() throws {
        let config = try parse("version: 1\nserver: { idleTimeoutSeconds: 5, maxConnections: 100 }\n")
        #expect(config.server.idleTimeoutSeconds == 5 && config.server.maxConnections == 100)
        #expect(try parse("version: 1\n").server.idleTimeoutSeconds == 30, "30 s by default")
        #expect { try parse("version: 1\nserver: { idleTimeoutSeconds: 0, maxConnections: 0 }\n") } throws: { error in
            "\(error)".contains("server.idleTimeoutSeconds") && "\(error)".contains("server.maxConnections")
        }
    }

    @Test func seededKeysArePrintedOnlyWhenTheConfigSaysSo() throws {
        #expect(try parse("version: 1\n").printSeededKeys == false)
        #expect(try parse("version: 1\nprintSeededKeys: true\n").printSeededKeys == true)
        #expect { try parse("version: 1\nprintSeededKeys: sometimes\n") } throws: { "\($0)".contains("printSeededKeys") }
    }

    @Test func reportsEveryProblemWithFileLineAndKeyPath() {
        #expect {
            _ = try parse("""
            version: 1
            sever: {}
            server: { port: seventy }
            plugins:
              storage: { settings: {} }
            projects:
              - { name: dev, publicKey: pk-lf-x }
            """)
        } throws: { error in
            let text = "\((error as? ConfigError)?.description ?? "")"
            return text.contains("cfg/test.yaml:2:1: sever: unknown key 'sever'; did you mean 'server'?")
                && text.contains("server.port: must be a whole number (got seventy)")
                && text.contains("plugins.storage.load: is required")
                && text.contains("projects[0]: publicKey and secretKey go together")
        }
    }

    @Test func unsetVariableWithoutDefaultIsAnError() {
        #expect {
            _ = try parse("version: 1\nserver: { host: ${NOPE} }\n")
        } throws: { error in
            "\(error)".contains("cfg/test.yaml:2:17: environment variable NOPE is not set")
        }
    }

    @Test func versionIsRequired() {
        #expect(throws: ConfigError.self) { try parse("server: { port: 1 }") }
    }
}
