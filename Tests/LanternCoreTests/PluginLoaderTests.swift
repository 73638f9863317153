import Foundation
import Testing
@testable import LanternCore
import LanternPluginSDK

@Suite("Plugin loading")
struct PluginLoaderTests {
    let loader = PluginLoader()

    @Test func loadsARealPluginThroughTheSDKTypes() throws {
        let plugin = try loader.load(BuildFolder.path + "/libSQLiteStorage.so")
        #expect(plugin.manifest.factories.map(\.type) == ["sqlite"])
        #expect(plugin.manifest.factories.first?.kind == .storage)
        #expect(plugin.abiStamp == PluginLoader.kernelStamp)
    }

    @Test func missingFileIsNamed() {
        #expect { try loader.load("/nonexistent/libNope.so") } throws: { "\($0)".contains("/nonexistent/libNope.so: no such plugin file") }
    }

    @Test func aLibraryWithoutEntryPointsIsNotAPlugin() {
        #expect { try loader.load(BuildFolder.path + "/libLanternPluginSDK.so") } throws: {
            "\($0)".contains("is not a Lantern plugin: it exports no lantern_plugin_abi symbol")
        }
    }

    @Test func abiMismatchIsRefusedBeforeTheEntryPoint() {
        #expect { try loader.load(BuildFolder.path + "/libWrongABIPlugin.so") } throws: { error in
            let text = "\(error)"
            return text.contains("libWrongABIPlugin.so") && text.contains("ABI 999 with swift-0.1")
                && text.contains("this kernel needs ABI 3") && text.contains("rebuild the plugin against this SDK")
        }
    }

    @Test func unknownPluginNameListsTheKnownOnes() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = try workspace.write("c.yaml", "version: 1\nplugins:\n  storage: { load: SQLiteStorag }\n")
        #expect { try LanternRuntime.prepare(configPath: path) } throws: { error in
            let text = "\(error)"
            return text.contains("plugins.storage.load: unknown plugin 'SQLiteStorag'; did you mean 'SQLiteStorage'?")
        }
    }

    @Test func settingsAreCheckedAgainstTheFactory() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = try workspace.write("c.yaml", """
        version: 1
        plugins:
          storage:
            load: SQLiteStorage
            settings: { pth: x.db, readers: many }
        """)
        #expect { try LanternRuntime.prepare(configPath: path) } throws: { error in
            let text = "\(error)"
            return text.contains("plugins.storage.settings.pth: unknown setting 'pth'; did you mean 'path'?")
                && text.contains("plugins.storage.settings.path: is required")
                && text.contains("plugins.storage.settings.readers: must be a integer")
        }
    }

    @Test func aRetentionComponentIsRefusedUntilASweeperCallsIt() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = try workspace.sqliteConfig(extraPlugins: "  retention: { load: FixturePlugin, component: keep-all-retention }")
        #expect { try LanternRuntime.prepare(configPath: path) } throws: { error in
            "\(error)".contains("plugins.retention.component: keep-all-retention is a retention component")
                && "\(error)".contains("runs no retention sweeper yet")
        }
    }

    @Test func aComponentWhoseStartFailsStopsStartupWithItsName() async throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = try workspace.sqliteConfig(extraPlugins: "  broken: { load: FixturePlugin, component: failing-start }")
        let runtime = try LanternRuntime.prepare(configPath: path)
        await #expect { try await runtime.start() } throws: { error in
            "\(error)".contains("component 'broken' (failing-start from") && "\(error)".contains("fixture refuses to start")
        }
    }

    @Test func severalComponentsInOneFileNeedAName() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = try workspace.write("c.yaml", "version: 1\nplugins:\n  x: { load: FixturePlugin }\n")
        #expect { try LanternRuntime.prepare(configPath: path) } throws: {
            "\($0)".contains("provides several components; name one of: failing-start (exporter), file-exporter (exporter), file-audit (audit-sink)")
        }
    }
}
