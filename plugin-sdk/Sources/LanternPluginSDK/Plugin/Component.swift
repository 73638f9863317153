/// The lifecycle every component shares.
///
/// Contract:
/// - `start(host:)` MUST return promptly; long work belongs in tasks the component owns.
/// - `shutdown()` MUST be idempotent and safe to call without a prior `start`. It stops intake
///   first, then flushes what was accepted.
/// - A thrown error is contained by the kernel; a trap (force unwrap, `fatalError`) kills the
///   process, so a component never traps on input.
public protocol Component: AnyObject, Sendable {
    /// Starts the component with the kernel's services.
    func start(host: any PluginHost) async throws
    /// Stops intake, flushes, and releases resources.
    func shutdown() async
}

extension Component {
    /// Default: nothing to start.
    public func start(host: any PluginHost) async throws {}
    /// Default: nothing to release.
    public func shutdown() async {}
}
