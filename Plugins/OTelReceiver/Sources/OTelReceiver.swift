import LanternPluginSDK
import Synchronization

/// The OTLP/HTTP trace receiver: one route, `POST /api/public/otel/v1/traces`, turning spans into
/// Langfuse observations, traces and dataset run items for the kernel's ingestion sink.
final class OTelReceiver: IngestionReceiver {
    /// The route's path (the Langfuse OTel endpoint).
    static let path = "/api/public/otel/v1/traces"

    private let maxBodyBytes: Int
    /// The key path of the body limit, for the messages that name it.
    private let limitSetting: String
    private let host = Mutex<(any PluginHost)?>(nil)

    /// A receiver whose bodies, compressed and decompressed alike, are at most `maxBodyBytes`.
    init(maxBodyBytes: Int, limitSetting: String) {
        self.maxBodyBytes = maxBodyBytes
        self.limitSetting = limitSetting
    }

    func start(host: any PluginHost) async throws {
        self.host.withLock { $0 = host }
    }

    func shutdown() async {
        host.withLock { $0 = nil }
    }

    func routes() -> [PluginRoute] {
        [PluginRoute(method: "POST", path: Self.path, access: .project, maxBodyBytes: maxBodyBytes) { [weak self] request in
            guard let self else { return ExportResponses.unavailable("the OTLP receiver has been released") }
            return await self.handle(request)
        }]
    }

    /// Answers one export request; never throws, never traps.
    func handle(_ request: PluginRequest) async -> PluginResponse {
        guard let host = host.withLock({ $0 }) else {
            return ExportResponses.unavailable("the OTLP receiver is not started")
        }
        return await ExportHandler(host: host, inflatedLimit: maxBodyBytes, limitSetting: limitSetting).handle(request)
    }
}
