/// The binary contract between the kernel and a plugin file.
///
/// Every member is `@_alwaysEmitIntoClient`, so its value is compiled *into the plugin*
/// (docs/architecture.md §2.3): the kernel reads the plugin's own copy through the exported
/// `lantern_plugin_abi` C symbol before touching any Swift type of the plugin.
public enum PluginABI {
    /// The SDK ABI number. Raised only for changes that break already-built plugins.
    @_alwaysEmitIntoClient
    public static var version: Int { 3 }

    /// The compiler generation the SDK module was built with.
    @_alwaysEmitIntoClient
    public static var compiler: String {
        #if compiler(>=6.4)
        return "swift-6.4+"
        #elseif compiler(>=6.3)
        return "swift-6.3"
        #elseif compiler(>=6.2)
        return "swift-6.2"
        #else
        return "swift-older"
        #endif
    }

    /// The stamp `"abi=<version> compiler=<compiler>"` as a NUL-terminated C string with static lifetime.
    ///
    /// A plugin returns this from its `lantern_plugin_abi` export.
    @_alwaysEmitIntoClient
    public static var stamp: UnsafePointer<CChar> {
        let text: StaticString
        #if compiler(>=6.4)
        text = "abi=3 compiler=swift-6.4+"
        #elseif compiler(>=6.3)
        text = "abi=3 compiler=swift-6.3"
        #elseif compiler(>=6.2)
        text = "abi=3 compiler=swift-6.2"
        #else
        text = "abi=3 compiler=swift-older"
        #endif
        return UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// Hands a manifest to the kernel: the value a plugin returns from `lantern_plugin_entry`.
    ///
    /// The manifest is retained once; the kernel takes ownership and never releases the plugin.
    @_alwaysEmitIntoClient
    public static func export(_ manifest: PluginManifest) -> UnsafeMutableRawPointer {
        Unmanaged.passRetained(manifest).toOpaque()
    }

    /// The C symbol names the kernel looks up in a plugin file.
    public enum Symbol {
        /// `@convention(c) () -> UnsafePointer<CChar>`: the ABI stamp.
        public static let abi = "lantern_plugin_abi"
        /// `@convention(c) () -> UnsafeMutableRawPointer`: a retained ``PluginManifest``.
        public static let entry = "lantern_plugin_entry"
    }
}
