import Foundation
import LanternPluginSDK
#if canImport(Glibc)
import Glibc
#endif

/// A plugin file loaded into the process: its manifest and ABI stamp.
public struct LoadedPlugin: Sendable {
    /// Absolute path of the `.so`.
    public let path: String
    public let manifest: PluginManifest
    /// The stamp compiled into the plugin (`abi=3 compiler=swift-6.3`).
    public let abiStamp: String
}

/// Why a plugin file could not be loaded. Each message names the file and the fix.
public struct PluginLoadError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String { "\(path): \(message)" }
}

/// Loads plugin files with `dlopen`, checks the ABI stamp compiled into each before any Swift type of it
/// is touched, and keeps them loaded for the life of the process (a Swift plugin is never `dlclose`d).
public final class PluginLoader: Sendable {
    private let cache = LockedValue<[String: LoadedPlugin]>([:])

    /// Creates a loader.
    public init() {}

    /// The kernel's own stamp; a plugin must carry the same one.
    public static var kernelStamp: String { String(cString: PluginABI.stamp) }

    /// Loads the plugin at an absolute `path` (once per process).
    public func load(_ path: String) throws(PluginLoadError) -> LoadedPlugin {
        let resolved = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { FilePaths.resolve($0, against: FilePaths.directory(of: path)) } ?? path
        if let loaded = cache.withLock({ $0[resolved] }) { return loaded }
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw PluginLoadError(path: path, message: "no such plugin file")
        }
        guard let handle = dlopen(resolved, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown dlopen error"
            throw PluginLoadError(path: path, message: "cannot be loaded as a shared library: \(reason)")
        }
        let stamp = try readStamp(handle, path: path)
        let manifest = try readManifest(handle, path: path)
        let loaded = LoadedPlugin(path: resolved, manifest: manifest, abiStamp: stamp)
        cache.withLock { $0[resolved] = loaded }
        return loaded
    }

    private func readStamp(_ handle: UnsafeMutableRawPointer, path: String) throws(PluginLoadError) -> String {
        guard let symbol = dlsym(handle, PluginABI.Symbol.abi) else {
            throw PluginLoadError(path: path, message: "is not a Lantern plugin: it exports no \(PluginABI.Symbol.abi) symbol")
        }
        typealias StampFunction = @convention(c) () -> UnsafePointer<CChar>
        let stamp = String(cString: unsafeBitCast(symbol, to: StampFunction.self)())
        guard stamp == Self.kernelStamp else {
            throw PluginLoadError(path: path, message: "was built against plugin SDK \(Self.describe(stamp)); this kernel needs \(Self.describe(Self.kernelStamp)): rebuild the plugin against this SDK")
        }
        return stamp
    }

    private func readManifest(_ handle: UnsafeMutableRawPointer, path: String) throws(PluginLoadError) -> PluginManifest {
        guard let symbol = dlsym(handle, PluginABI.Symbol.entry) else {
            throw PluginLoadError(path: path, message: "is not a Lantern plugin: it exports no \(PluginABI.Symbol.entry) symbol")
        }
        typealias EntryFunction = @convention(c) () -> UnsafeMutableRawPointer
        let object = Unmanaged<AnyObject>.fromOpaque(unsafeBitCast(symbol, to: EntryFunction.self)()).takeRetainedValue()
        guard let manifest = object as? PluginManifest else {
            throw PluginLoadError(path: path, message: "returned something other than a PluginManifest from \(PluginABI.Symbol.entry): it links its own copy of the SDK; depend on the LanternPluginSDK product")
        }
        return manifest
    }

    /// `ABI 2 (swift-6.3)` from a stamp `abi=3 compiler=swift-6.3`.
    static func describe(_ stamp: String) -> String {
        var fields: [String: String] = [:]
        for part in stamp.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { fields[pair[0]] = pair[1] }
        }
        return "ABI \(fields["abi"] ?? "?") with \(fields["compiler"] ?? "an unknown compiler")"
    }
}
