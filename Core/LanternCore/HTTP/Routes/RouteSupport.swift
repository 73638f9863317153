import Hummingbird
import LanternPluginSDK

/// What every public API route needs: the runtime's storage (503 when none is configured) and the caller's project.
struct RouteSupport: Sendable {
    let runtime: LanternRuntime

    func storage() throws -> any StorageBackend {
        guard let storage = runtime.storage else { throw APIError.unavailable("No storage plugin is configured") }
        return storage
    }

    /// A path parameter, percent-decoded.
    func parameter(_ name: String, _ context: LanternRequestContext) throws -> String {
        guard let raw = context.parameters.get(name) else { throw APIError.badRequest("Missing path parameter \(name)") }
        return raw.removingPercentEncoding ?? raw
    }
}
