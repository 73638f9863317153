import Foundation

/// Finds plugin files: a path (relative to the config folder) or a name looked up in the plugin folders.
///
/// Folders searched for a name, in order: `pluginDirectories` from config, `LANTERN_PLUGIN_PATH`
/// (colon-separated), `<executable folder>/plugins`, and the executable's folder.
public struct PluginLocator: Sendable {
    public let searchDirectories: [String]
    private let configDirectory: String

    /// Creates a locator for a config.
    public init(config: LanternConfig, environment: [String: String] = ProcessInfo.processInfo.environment) {
        let fromEnvironment = (environment["LANTERN_PLUGIN_PATH"] ?? "").split(separator: ":").map {
            FilePaths.resolve(String($0), against: FileManager.default.currentDirectoryPath)
        }
        let executable = FilePaths.executableDirectory
        var seen = Set<String>()
        searchDirectories = (config.pluginDirectories + fromEnvironment + [executable + "/plugins", executable]).filter { seen.insert($0).inserted }
        configDirectory = config.directory
    }

    /// Whether `reference` is a path rather than a plugin name.
    public static func isPath(_ reference: String) -> Bool {
        reference.contains("/") || reference.hasSuffix(".so")
    }

    /// The absolute file for `reference`, or an error message listing the plugins that exist.
    public func locate(_ reference: String) -> Result<String, LocateError> {
        if Self.isPath(reference) {
            let path = FilePaths.resolve(reference, against: configDirectory)
            return FileManager.default.fileExists(atPath: path) ? .success(path)
                : .failure(LocateError(message: "plugin file \(path) does not exist"))
        }
        for directory in searchDirectories {
            for candidate in ["lib\(reference).so", "\(reference).so"] {
                let path = directory + "/" + candidate
                if FileManager.default.fileExists(atPath: path) { return .success(path) }
            }
        }
        return .failure(LocateError(message: UnknownKey.message(reference, allowed: availableNames(), noun: "plugin")
            + "; searched \(searchDirectories.joined(separator: ", "))"))
    }

    /// Names of the plugin files in the search folders (`libX.so` → `X`).
    public func availableNames() -> [String] {
        var names = Set<String>()
        for directory in searchDirectories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            for file in files where file.hasPrefix("lib") && file.hasSuffix(".so") && file != "libLanternPluginSDK.so" {
                names.insert(String(file.dropFirst(3).dropLast(3)))
            }
        }
        return names.sorted()
    }

    /// A plugin that could not be found.
    public struct LocateError: Error, Sendable { public let message: String }
}
