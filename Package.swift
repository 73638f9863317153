// swift-tools-version:6.0
import PackageDescription

/// Linker flags for every plugin: export only the `lantern_plugin_*` entry symbols
/// (docs/architecture.md §2.12), so a plugin's bundled C code never binds to the host's copy.
let pluginLinkerSettings: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/Plugins/exports.map"]),
]

let sdk = Target.Dependency.product(name: "LanternPluginSDK", package: "plugin-sdk")

let package = Package(
    name: "lantern",
    products: [
        .executable(name: "lantern", targets: ["lantern"]),
        .library(name: "SQLiteStorage", type: .dynamic, targets: ["SQLiteStorage"]),
        .library(name: "OTelReceiver", type: .dynamic, targets: ["OTelReceiver"]),
        .library(name: "PostgresStorage", type: .dynamic, targets: ["PostgresStorage"]),
        .library(name: "WebUI", type: .dynamic, targets: ["WebUI"]),
        .library(name: "LLMJudge", type: .dynamic, targets: ["LLMJudgePlugin"]),
        .library(name: "AuditLog", type: .dynamic, targets: ["AuditLogPlugin"]),
        .library(name: "Masking", type: .dynamic, targets: ["MaskingPlugin"]),
        // Test fixtures, loaded by the loader tests like any plugin.
        .library(name: "FixturePlugin", type: .dynamic, targets: ["FixturePlugin"]),
        .library(name: "WrongABIPlugin", type: .dynamic, targets: ["WrongABIPlugin"]),
    ],
    dependencies: [
        .package(path: "plugin-sdk"),
        .package(path: "plugin-sdk/Testing"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "LanternCore",
            dependencies: [
                sdk,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Core/LanternCore"
        ),
        .executableTarget(
            name: "lantern",
            dependencies: [
                "LanternCore",
                sdk,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Core/lantern"
        ),
        // The SQL layer both storage plugins share: a plain static target, so each plugin links its own copy and
        // nothing of it crosses the plugin boundary; the kernel never depends on it.
        .target(name: "SQLStorageKit", dependencies: [sdk], path: "Plugins/SQLStorageKit/Sources"),
        .systemLibrary(name: "CSQLite", path: "Plugins/SQLiteStorage/CSQLite"),
        .target(
            name: "SQLiteStorage",
            dependencies: [sdk, "SQLStorageKit", "CSQLite"],
            path: "Plugins/SQLiteStorage/Sources",
            linkerSettings: pluginLinkerSettings
        ),
        .systemLibrary(name: "CLibPQ", path: "Plugins/PostgresStorage/CLibPQ"),
        .target(
            name: "PostgresStorage",
            dependencies: [sdk, "SQLStorageKit", "CLibPQ"],
            path: "Plugins/PostgresStorage/Sources",
            linkerSettings: pluginLinkerSettings
        ),
        // The web UI: server-rendered pages over the kernel's API, called in-process as the signed-in person.
        .target(
            name: "WebUI",
            dependencies: [sdk, .product(name: "Mustache", package: "swift-mustache")],
            path: "Plugins/WebUI/Sources",
            linkerSettings: pluginLinkerSettings
        ),
        // LLM-as-a-judge: provider adapters and structured output, over the kernel's HTTP client (no NIO of its own).
        // The logic is a static target its tests link; the plugin's entry points live in their own target, so the test
        // bundle never holds two plugins' `lantern_plugin_*` symbols.
        .target(name: "LLMJudge", dependencies: [sdk], path: "Plugins/LLMJudge/Sources"),
        // The tamper-evident audit log: a hash chain in its own SQLite file or a PostgreSQL database (libsqlite3, libpq).
        .target(name: "AuditLog", dependencies: [sdk, "CSQLite", "CLibPQ", .product(name: "Crypto", package: "swift-crypto")],
                path: "Plugins/AuditLog/Sources"),
        .target(name: "AuditLogPlugin", dependencies: [sdk, "AuditLog"], path: "Plugins/AuditLog/Entry", linkerSettings: pluginLinkerSettings),
        .target(name: "LLMJudgePlugin", dependencies: [sdk, "LLMJudge"], path: "Plugins/LLMJudge/Entry", linkerSettings: pluginLinkerSettings),
        // PII masking: an ingestion and record processor; swift-crypto for the hashed replacement (HMAC-SHA256), which
        // bundles no NIO. Split like LLMJudge so its tests link the logic without the entry points.
        .target(name: "Masking", dependencies: [sdk, .product(name: "Crypto", package: "swift-crypto")], path: "Plugins/Masking/Sources"),
        .target(name: "MaskingPlugin", dependencies: [sdk, "Masking"], path: "Plugins/Masking/Entry", linkerSettings: pluginLinkerSettings),
        .systemLibrary(name: "COTelZlib", path: "Plugins/OTelReceiver/CZlib"),
        .target(
            name: "OTelReceiver",
            dependencies: [sdk, "COTelZlib"],
            path: "Plugins/OTelReceiver/Sources",
            linkerSettings: pluginLinkerSettings
        ),
        .target(name: "FixturePlugin", dependencies: [sdk], path: "Tests/Fixtures/FixturePlugin", linkerSettings: pluginLinkerSettings),
        .target(name: "WrongABIPlugin", path: "Tests/Fixtures/WrongABIPlugin", linkerSettings: pluginLinkerSettings),
        .testTarget(
            name: "LanternCoreTests",
            dependencies: [
                "LanternCore",
                sdk,
                "SQLStorageKit",
                .product(name: "LanternPluginSDKTesting", package: "Testing"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/LanternCoreTests"
        ),
        // The OTLP receiver's own tests: its module directly (`@testable import OTelReceiver`), not the kernel.
        .testTarget(name: "OTelReceiverTests", dependencies: ["OTelReceiver", sdk], path: "Tests/OTelReceiverTests"),
        .testTarget(name: "AuditLogTests", dependencies: ["AuditLog", sdk], path: "Tests/AuditLogTests"),
        .testTarget(name: "LLMJudgeTests", dependencies: ["LLMJudge", sdk, .product(name: "LanternPluginSDKTesting", package: "Testing")], path: "Tests/LLMJudgeTests"),
        .testTarget(name: "MaskingTests", dependencies: ["Masking", sdk, .product(name: "LanternPluginSDKTesting", package: "Testing")], path: "Tests/MaskingTests"),
    ]
)
