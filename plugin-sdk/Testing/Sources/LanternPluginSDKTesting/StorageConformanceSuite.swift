import Foundation
import LanternPluginSDK

/// The storage conformance suite: one battery of checks every ``LanternPluginSDK/StorageBackend`` must pass.
///
/// A backend's test is a short adapter: build the plugin, make and start its storage component, call
/// ``run()``, and fail when ``ConformanceReport/failures`` is not empty; or make one test case per name in
/// ``caseNames`` that calls ``run(caseNamed:)``. Each case writes into projects of its
/// own, so the suite runs against a shared (even non-empty) database.
///
/// ```swift
/// let storage: any StorageBackend = …   // made by the plugin's factory, started, migrated
/// let report = await StorageConformanceSuite(storage: storage).run()
/// print(report.summary(backend: "my-backend"))
/// #expect(report.failures.isEmpty)
/// ```
public struct StorageConformanceSuite: Sendable {
    private let storage: any StorageBackend
    private let optOuts: Set<StorageCapability>

    /// A suite for `storage`, a started and migrated backend; `optOuts` names the capabilities it lacks.
    public init(storage: any StorageBackend, optOuts: Set<StorageCapability> = []) {
        self.storage = storage
        self.optOuts = optOuts
    }

    /// Names of every case, in the order they run.
    public static var caseNames: [String] { cases.map(\.name) }

    /// Runs every case (those needing an opted-out capability check only that it throws `unsupported`).
    public func run() async -> ConformanceReport {
        var results: [ConformanceReport.Result] = []
        for conformanceCase in Self.cases {
            results.append(await run(conformanceCase))
        }
        return ConformanceReport(results: results)
    }

    /// Runs the one case called `name` (nil when no case has that name), so a test framework can make each case a
    /// test case of its own: run alone, and failing under its name.
    public func run(caseNamed name: String) async -> ConformanceReport.Result? {
        guard let conformanceCase = Self.cases.first(where: { $0.name == name }) else { return nil }
        return await run(conformanceCase)
    }

    private func run(_ conformanceCase: ConformanceCase) async -> ConformanceReport.Result {
        let context = CaseContext(storage: storage)
        if let capability = conformanceCase.capability, optOuts.contains(capability) {
            let problems = await UnsupportedCapabilityCheck.problems(capability, storage: storage, projectID: context.projectID)
            return .init(name: conformanceCase.name, outcome: problems.isEmpty ? .skipped(capability) : .failed(problems))
        }
        do {
            try await conformanceCase.body(context)
        } catch is RequirementFailed {
            // The failure is already recorded.
        } catch {
            context.record("threw \(error)")
        }
        let failures = context.failures
        return .init(name: conformanceCase.name, outcome: failures.isEmpty ? .passed : .failed(failures))
    }

    /// Every case, grouped by area.
    static let cases: [ConformanceCase] =
        ProjectCases.all + IdentityCases.all + TraceMergeCases.all + ObservationCases.all + ScoreCases.all + ScoreQueryCases.all + ScoreConfigCases.all + CommentCases.all + AnnotationQueueCases.all + SessionCases.all
        + TraceListCases.all + ObservationListCases.all + DeletionCases.all + ProjectDeletionCases.all + IsolationCases.all + PayloadCases.all
        + IdempotencyCases.all + ConcurrencyCases.all + PromptCases.all + DatasetCases.all + MediaCases.all
        + ModelCases.all + MetricsCases.all + EvaluationCases.all
}
