import LanternPluginSDK

/// The ABI stamp compiled into this plugin; the kernel checks it before anything else.
@_cdecl("lantern_plugin_abi")
public func lanternPluginABI() -> UnsafePointer<CChar> { PluginABI.stamp }

/// Hands the kernel this plugin's manifest.
@_cdecl("lantern_plugin_entry")
public func lanternPluginEntry() -> UnsafeMutableRawPointer {
    PluginABI.export(PluginManifest(id: "dev.lantern.web-ui", version: "0.1.0", factories: [WebUIFactory()]))
}
