// swift-tools-version:6.0
import PackageDescription

/// The Lantern plugin SDK: the only surface a plugin sees.
///
/// `LanternPluginSDK` is a dynamic library so that the kernel and every plugin share one copy
/// of its types (see ../docs/architecture.md §2). Library evolution keeps additive
/// changes safe for plugins that were built against an older SDK.
let package = Package(
    name: "plugin-sdk",
    products: [
        .library(name: "LanternPluginSDK", type: .dynamic, targets: ["LanternPluginSDK"]),
    ],
    targets: [
        .target(
            name: "LanternPluginSDK",
            path: "Sources/LanternPluginSDK",
            swiftSettings: [.unsafeFlags(["-enable-library-evolution"])]
        ),
        .testTarget(
            name: "LanternPluginSDKTests",
            dependencies: ["LanternPluginSDK"],
            path: "Tests/LanternPluginSDKTests",
            resources: [.copy("JSONCorpus")]
        ),
    ]
)
