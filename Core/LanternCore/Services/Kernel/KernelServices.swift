import Foundation
import LanternPluginSDK

/// The kernel's services, one per domain. Every read and every mutation of the public API goes through one of
/// them; HTTP routes (and any other front end) only decode requests, call a service and present the answer.
/// Services own validation rules, paging, capability checks and audit events.
public struct KernelServices: Sendable {
    let runtime: LanternRuntime
    let audit: AuditTrail

    init(runtime: LanternRuntime) {
        self.runtime = runtime
        audit = AuditTrail(audit: { runtime.dispatchAudit($0) }, export: { runtime.dispatchChange($0) })
    }

    /// The configured storage; 503 when the config names none.
    func storage() throws -> any StorageBackend {
        guard let storage = runtime.storage else { throw APIError.unavailable("No storage plugin is configured") }
        return storage
    }

    /// The storage as an optional capability, or 501 naming what it lacks.
    func capability<Capability>(_ type: Capability.Type, _ what: String) throws -> Capability {
        guard let store = try storage() as? Capability else {
            throw APIError.notImplemented("The storage plugin does not support \(what)")
        }
        return store
    }

    /// The one permission check every service method makes first: 403 unless the caller's role holds `permission`.
    func authorize(_ caller: some Caller, _ permission: Permission) throws {
        try AccessPolicy.check(permission, role: caller.role, actor: caller.actor)
    }

    var traces: TraceService { TraceService(kernel: self) }
    var observations: ObservationService { ObservationService(kernel: self) }
    var sessions: SessionService { SessionService(kernel: self) }
    var scores: ScoreService { ScoreService(kernel: self) }
    var scoreConfigs: ScoreConfigService { ScoreConfigService(kernel: self) }
    var comments: CommentService { CommentService(kernel: self) }
    var annotationQueues: AnnotationQueueService { AnnotationQueueService(kernel: self) }
    var prompts: PromptService { PromptService(kernel: self) }
    var datasets: DatasetService { DatasetService(kernel: self) }
    var datasetRuns: DatasetRunService { DatasetRunService(kernel: self) }
    var experiments: ExperimentService { ExperimentService(kernel: self) }
    var models: ModelService { ModelService(kernel: self) }
    var llmConnections: LLMConnectionService { LLMConnectionService(kernel: self) }
    var evaluators: EvaluatorService { EvaluatorService(kernel: self) }
    var evaluationRules: EvaluationRuleService { EvaluationRuleService(kernel: self) }
    var evaluationExecutions: EvaluationExecutionService { EvaluationExecutionService(kernel: self) }
    var auditLogs: AuditLogService { AuditLogService(kernel: self) }
    var media: MediaService { MediaService(kernel: self) }
    var projects: ProjectService { ProjectService(kernel: self) }
    var metrics: MetricsService { MetricsService(kernel: self) }
    var ingestion: IngestionService { IngestionService(kernel: self) }
    var access: AccessResolver { AccessResolver(kernel: self) }
    var organizations: OrganizationService { OrganizationService(kernel: self) }
    var projectKeys: ProjectKeyService { ProjectKeyService(kernel: self) }
    var memberships: MembershipService { MembershipService(kernel: self) }
    var users: UserService { UserService(kernel: self) }
    var signIn: SignInService { SignInService(kernel: self) }
    var seeder: IdentitySeeder { IdentitySeeder(kernel: self) }
}
