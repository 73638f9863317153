import Hummingbird

/// `POST /bench/discard` (only with `server.benchmarkEndpoint: true`): reads the body and drops it, answering
/// `200 {}` without auth. The benchmark suite's baseline: what the HTTP layer alone can take on this machine.
struct BenchmarkRoutes {
    func register(on router: Router<LanternRequestContext>) {
        router.post("/bench/discard") { request, _ in
            for try await _ in request.body {}
            return JSONResponse.make(.ok, .object([:]))
        }
    }
}
