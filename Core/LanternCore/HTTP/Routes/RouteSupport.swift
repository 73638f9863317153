import Hummingbird
import LanternPluginSDK

/// What every public API route needs: the kernel's services and path parameters. Routes never reach storage:
/// they decode the request, call one service and present its answer.
struct RouteSupport: Sendable {
    let runtime: LanternRuntime
    var services: KernelServices { runtime.services }

    /// A path parameter, percent-decoded.
    func parameter(_ name: String, _ context: LanternRequestContext) throws -> String {
        guard let raw = context.parameters.get(name) else { throw APIError.badRequest("Missing path parameter \(name)") }
        return raw.removingPercentEncoding ?? raw
    }
}
