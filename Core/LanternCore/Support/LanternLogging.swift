import Foundation
import LanternPluginSDK
import Logging

/// The server's log output: swift-log with one handler that writes either plain text or one JSON object per line
/// to standard error, at the level the config names. Loggers made before the config is read follow it too: the
/// handler reads the format and level when it writes.
public enum LanternLogging {
    private static let settings = LockedValue(LanternConfig.Logging())

    /// Routes every logger of the process through Lantern's handler; call once, before any logger is made.
    public static func bootstrap() {
        LoggingSystem.bootstrap { label in LanternLogHandler(label: label) }
    }

    /// Sets the format and level every logger follows from now on.
    public static func configure(_ logging: LanternConfig.Logging) { settings.withLock { $0 = logging } }

    static var current: LanternConfig.Logging { settings.value }
}

/// One log record per line on standard error, as text or JSON (`time`, `level`, `label`, `message`, then the
/// metadata's keys).
struct LanternLogHandler: LogHandler {
    let label: String
    var metadata: Logger.Metadata = [:]
    /// Set when a logger sets its own level; otherwise the configured level applies.
    private var ownLevel: Logger.Level?

    init(label: String) { self.label = label }

    var logLevel: Logger.Level {
        get { ownLevel ?? Logger.Level(rawValue: LanternLogging.current.level) ?? .info }
        set { ownLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String,
             function: String, line: UInt) {
        let all = metadata.merging(explicit ?? [:]) { $1 }
        let now = Date()
        let text: String
        switch LanternLogging.current.format {
        case .json:
            var object: [String: JSONValue] = ["time": .string(ISO8601Timestamp.format(now)), "level": .string(level.rawValue),
                                               "label": .string(label), "message": .string("\(message)")]
            for (key, value) in all where object[key] == nil { object[key] = Self.json(value) }
            text = JSONValue.object(object).jsonText
        case .text:
            let details = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            text = "\(ISO8601Timestamp.format(now)) \(level.rawValue) \(label): \(message)" + (details.isEmpty ? "" : " " + details)
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    private static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let entries): .object(entries.mapValues(json))
        }
    }
}
