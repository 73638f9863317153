import Foundation
import LanternPluginSDK
import Logging

/// The kernel's implementation of ``PluginHost`` for one component: swift-log behind the SDK's logger.
struct KernelPluginHost: PluginHost {
    let logger: PluginLogger
    let ingestion: any IngestionSink
    let api: (any KernelAPI)?
    let http: any HostHTTPClient
    private let componentID: String
    private let counters: PluginCounters

    init(componentID: String, ingestion: any IngestionSink, api: (any KernelAPI)? = nil, http: any HostHTTPClient, counters: PluginCounters) {
        self.componentID = componentID
        self.counters = counters
        let backend = Logger(label: "lantern.plugin.\(componentID)")
        logger = PluginLogger { level, message, fields in
            backend.log(level: Self.level(level), "\(message)", metadata: fields.mapValues { .string($0) })
        }
        self.ingestion = ingestion
        self.api = api
        self.http = http
    }

    func now() -> Date { Date() }

    func count(_ name: String, labels: [String: String], by amount: Int) {
        counters.add(name, component: componentID, labels: labels, by: amount)
    }

    private static func level(_ level: LanternPluginSDK.LogLevel) -> Logger.Level {
        switch level {
        case .trace: .trace
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }
}
