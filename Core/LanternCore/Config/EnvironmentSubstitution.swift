/// Replaces `${VAR}` and `${VAR:-default}` in config text from the environment; `$$` stands for `$`.
struct EnvironmentSubstitution {
    let environment: [String: String]

    /// The substituted text, or the issues found (an unset variable without default, an unclosed `${`).
    func apply(to text: String, file: String) -> (text: String, issues: [ConfigIssue]) {
        var output = ""
        var issues: [ConfigIssue] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { output += "\n" }
            output += substitute(String(line), lineNumber: index + 1, file: file, issues: &issues)
        }
        return (output, issues)
    }

    private func substitute(_ line: String, lineNumber: Int, file: String, issues: inout [ConfigIssue]) -> String {
        var result = ""
        var rest = Substring(line)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("$") {
                result += "$"
                rest = after.dropFirst()
            } else if after.hasPrefix("{") {
                guard let close = after.firstIndex(of: "}") else {
                    issues.append(ConfigIssue(file: file, line: lineNumber, column: column(of: dollar, in: line), keyPath: "",
                                              message: "unclosed ${ in environment reference"))
                    return result + rest
                }
                let expression = after[after.index(after: after.startIndex)..<close]
                result += resolve(String(expression), lineNumber: lineNumber, column: column(of: dollar, in: line), file: file, issues: &issues)
                rest = after[after.index(after: close)...]
            } else {
                result += "$"
                rest = after
            }
        }
        return result + rest
    }

    private func resolve(_ expression: String, lineNumber: Int, column: Int, file: String, issues: inout [ConfigIssue]) -> String {
        let name: String
        let fallback: String?
        if let range = expression.range(of: ":-") {
            name = String(expression[..<range.lowerBound])
            fallback = String(expression[range.upperBound...])
        } else {
            name = expression
            fallback = nil
        }
        if let value = environment[name], !(value.isEmpty && fallback != nil) { return value }
        if let fallback { return fallback }
        issues.append(ConfigIssue(file: file, line: lineNumber, column: column, keyPath: "",
                                  message: "environment variable \(name) is not set (write ${\(name):-default} to give a default)"))
        return ""
    }

    private func column(of index: Substring.Index, in line: String) -> Int {
        line.distance(from: line.startIndex, to: index) + 1
    }
}
