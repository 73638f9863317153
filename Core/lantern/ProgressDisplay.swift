import Foundation
import Synchronization

/// Progress of a long command on standard error: a bar redrawn in place on a terminal, otherwise a plain line at
/// each tenth of the work, so logs of scripted runs stay readable.
final class ProgressDisplay: Sendable {
    private let label: String
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let lastTenth = Mutex(-1)

    init(label: String) { self.label = label }

    /// Shows `done` of `total` `unit`.
    func show(done: Int, of total: Int, unit: String) {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        if isTerminal {
            let filled = Int(fraction * 30)
            write("\r\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: 30 - filled))] "
                  + "\(Int(fraction * 100))% (\(done)/\(total) \(unit))")
        } else {
            let tenth = Int(fraction * 10)
            let changed = lastTenth.withLock { last in
                guard tenth != last else { return false }
                last = tenth
                return true
            }
            if changed { write("\(label): \(tenth * 10)% (\(done)/\(total) \(unit))\n") }
        }
    }

    /// Ends the bar's line on a terminal.
    func finish() { if isTerminal { write("\n") } }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
