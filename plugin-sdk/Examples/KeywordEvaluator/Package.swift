// swift-tools-version:6.0
import PackageDescription

// A third party's evaluator plugin, built on its own against the Lantern plugin SDK.
let package = Package(
    name: "KeywordEvaluator",
    products: [
        // A dynamic library: the .so that a Lantern config names.
        .library(name: "KeywordEvaluator", type: .dynamic, targets: ["KeywordEvaluator"]),
    ],
    dependencies: [
        // The SDK by path (or by git URL and branch); always through its product, never a copy of its sources.
        .package(path: "../.."),
    ],
    targets: [
        .target(
            name: "KeywordEvaluator",
            dependencies: [.product(name: "LanternPluginSDK", package: "plugin-sdk")],
            // Export only the two lantern_plugin_* entry points.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/exports.map"])]
        ),
    ]
)
