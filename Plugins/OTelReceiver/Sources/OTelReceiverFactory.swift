import LanternPluginSDK

/// Makes ``OTelReceiver`` components (`type: otlp`).
struct OTelReceiverFactory: ComponentFactory {
    /// The default and the ceiling of `maxBodyBytes`. The default bounds what one request can make the server hold
    /// (a gzip bomb stops inflating there) while leaving room for large exports: Langfuse's own ingestion limit is
    /// 4.5 MB.
    static let defaultMaxBodyBytes = 16 << 20
    static let maxBodyBytesLimit = 1 << 30

    var type: String { "otlp" }
    var kind: ComponentKind { .receiver }
    var summary: String { "Receives OpenTelemetry traces (OTLP/HTTP, protobuf or JSON, gzip) at /api/public/otel/v1/traces" }
    var settings: [SettingSpec] {
        [SettingSpec("maxBodyBytes", .integer, help: "largest accepted request body, compressed and after decompression alike, 1024 to 1073741824 bytes (default 16777216)")]
    }

    func validate(_ settings: PluginSettings) -> [SettingsIssue] {
        guard settings.values["maxBodyBytes"] != nil else { return [] }
        guard let value = settings.integer("maxBodyBytes") else {
            return [SettingsIssue(key: "maxBodyBytes", "must be a whole number of bytes")]
        }
        guard (1024...Self.maxBodyBytesLimit).contains(value) else {
            return [SettingsIssue(key: "maxBodyBytes", "must be between 1024 and \(Self.maxBodyBytesLimit) (got \(value))")]
        }
        return []
    }

    func make(_ settings: PluginSettings, context: ComponentContext) throws -> any Component {
        let requested = settings.integer("maxBodyBytes") ?? Self.defaultMaxBodyBytes
        return OTelReceiver(maxBodyBytes: min(max(requested, 1024), Self.maxBodyBytesLimit),
                            limitSetting: "plugins.\(context.instanceID).settings.maxBodyBytes")
    }
}
