import LanternPluginSDK

/// The execution log: what every rule decided for every candidate, and why.
struct EvaluationExecutionService: Sendable {
    let kernel: KernelServices

    func list(_ principal: Principal, query: EvaluationExecutionQuery) async throws -> Page<EvaluationExecution> {
        try kernel.authorize(principal, .projectRead)
        return try await kernel.capability((any EvaluationStore).self, "evaluation executions").executions(projectID: principal.projectID, query: query)
    }
}
