import LanternPluginSDK
import Masking

/// The ABI stamp compiled into this plugin; the kernel checks it before anything else (docs/architecture.md §2.3).
@_cdecl("lantern_plugin_abi")
public func lanternPluginABI() -> UnsafePointer<CChar> { PluginABI.stamp }

/// Hands the kernel this plugin's manifest (docs/architecture.md §2.2).
@_cdecl("lantern_plugin_entry")
public func lanternPluginEntry() -> UnsafeMutableRawPointer {
    PluginABI.export(PluginManifest(id: "dev.lantern.masking", version: "0.1.0", factories: [MaskingFactory()]))
}
