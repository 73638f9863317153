/// A test fixture: a plugin file that claims an SDK ABI this kernel does not speak.
/// The kernel must refuse it before calling its entry point.
@_cdecl("lantern_plugin_abi")
public func lanternPluginABI() -> UnsafePointer<CChar> {
    UnsafeRawPointer(("abi=999 compiler=swift-0.1" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
}

@_cdecl("lantern_plugin_entry")
public func lanternPluginEntry() -> UnsafeMutableRawPointer? { nil }
