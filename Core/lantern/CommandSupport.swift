import Foundation
import LanternCore

/// Shared steps of the commands: loading a config with readable errors.
enum CommandSupport {
    /// Prepares the runtime for `path`, or prints every config issue and exits with status 2.
    static func prepare(_ path: String) throws -> LanternRuntime {
        do {
            return try LanternRuntime.prepare(configPath: path)
        } catch {
            let count = error.issues.count
            fail("\(error)\n\(path): \(count) problem\(count == 1 ? "" : "s") found", status: 2)
        }
    }

    /// Prints `message` to standard error and exits.
    static func fail(_ message: String, status: Int32 = 1) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(status)
    }
}
