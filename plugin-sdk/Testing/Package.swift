// swift-tools-version:6.0
import PackageDescription

/// Test support shipped with the Lantern plugin SDK: the storage conformance suite.
///
/// A separate package (and product) so it never ships in the server. It depends on the SDK's dynamic
/// product, so a test that loads plugins and runs the suite sees one copy of the SDK's types.
let package = Package(
    name: "plugin-sdk-testing",
    products: [
        .library(name: "LanternPluginSDKTesting", targets: ["LanternPluginSDKTesting"]),
    ],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        .target(
            name: "LanternPluginSDKTesting",
            dependencies: [.product(name: "LanternPluginSDK", package: "plugin-sdk")],
            path: "Sources/LanternPluginSDKTesting"
        ),
    ]
)
