import Foundation
import LanternPluginSDK

/// Test fixtures behind the SDK protocols: an exporter that appends what it receives to a file
/// (proves post-commit delivery), and a component whose start fails (proves containment).
struct FailingStartFactory: ComponentFactory {
    var type: String { "failing-start" }
    var kind: ComponentKind { .exporter }
    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component { FailingStart() }
}

final class FailingStart: Exporter {
    struct Refused: Error, CustomStringConvertible { var description: String { "fixture refuses to start" } }
    func start(host: any PluginHost) async throws { throw Refused() }
    func export(_ batch: CommittedBatch) async throws {}
}

struct FileExporterFactory: ComponentFactory {
    var type: String { "file-exporter" }
    var kind: ComponentKind { .exporter }
    var settings: [SettingSpec] { [SettingSpec("path", .string, required: true, help: "file to append event ids to")] }
    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        FileExporter(path: context.resolvePath(settings.string("path") ?? "exported.txt"))
    }
}

final class FileExporter: Exporter {
    let path: String
    init(path: String) { self.path = path }

    func export(_ batch: CommittedBatch) async throws {
        try append(batch.events.map { "\(batch.projectID) \($0.id)\n" }.joined(), to: path)
    }

    func exportChange(_ change: ChangeEvent) async throws {
        try append("change \(change.projectID) \(change.resourceType) \(change.resourceID) \(change.action)\n", to: path)
    }
}

struct FileAuditSinkFactory: ComponentFactory {
    var type: String { "file-audit" }
    var kind: ComponentKind { .auditSink }
    var settings: [SettingSpec] { [SettingSpec("path", .string, required: true, help: "file to append audit records to")] }
    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        FileAuditSink(path: context.resolvePath(settings.string("path") ?? "audit.txt"))
    }
}

final class FileAuditSink: AuditSink {
    let path: String
    init(path: String) { self.path = path }

    func record(_ event: AuditEvent) async throws {
        try append("\(event.projectID ?? "-") \(event.action) \(event.resourceID) before=\(event.before != nil) after=\(event.after != nil) "
                   + "actor=\(event.actor)\n", to: path)
    }
}

/// A retention policy that keeps everything: proves the kernel refuses a retention component it would never call.
struct KeepAllRetentionFactory: ComponentFactory {
    var type: String { "keep-all-retention" }
    var kind: ComponentKind { .retention }
    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component { KeepAllRetention() }
}

final class KeepAllRetention: RetentionPolicy {
    func decide(for project: Project, now: Date) async throws -> RetentionDecision { .keepAll }
}

/// Appends `text` to the file at `path`, creating it when missing.
private func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
    guard let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
}

@_cdecl("lantern_plugin_abi")
public func lanternPluginABI() -> UnsafePointer<CChar> { PluginABI.stamp }

@_cdecl("lantern_plugin_entry")
public func lanternPluginEntry() -> UnsafeMutableRawPointer {
    PluginABI.export(PluginManifest(id: "dev.lantern.test-fixtures", version: "0.0.1", factories: [FailingStartFactory(), FileExporterFactory(), FileAuditSinkFactory(),
                                                                                             KeepAllRetentionFactory()]))
}
