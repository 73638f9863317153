import SQLStorageKit

extension SQLValue {
    /// `strings` as a `text[]` literal, bound where SQL reads a list with `= ANY(?::text[])`.
    static func textArray(_ strings: [String]) -> SQLValue {
        let elements = strings.map { string -> String in
            var quoted = "\""
            for scalar in string.unicodeScalars {
                if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
                quoted.unicodeScalars.append(scalar)
            }
            return quoted + "\""
        }
        return .text("{" + elements.joined(separator: ",") + "}")
    }
}
