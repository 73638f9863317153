import Foundation
import Hummingbird
import LanternPluginSDK

/// `GET /api/public/health` and `/api/public/ready`: no auth.
struct HealthRoutes {
    static let version = "0.1.0"
    let support: RouteSupport

    func register(on router: Router<LanternRequestContext>) {
        router.get("/api/public/health") { request, _ in
            if QueryReader(request).string("failIfDatabaseUnavailable") == "true" {
                do { _ = try await support.storage().projects() } catch {
                    return JSONResponse.make(.serviceUnavailable, ["status": "Database not available", "version": .string(Self.version)])
                }
            }
            return JSONResponse.make(.ok, ["status": "OK", "version": .string(Self.version)])
        }
        router.get("/api/public/ready") { _, _ in
            JSONResponse.make(.ok, ["status": "OK"])
        }
    }
}
