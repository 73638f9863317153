import Foundation

/// Path helpers: absolute paths, folders, and resolution against a base folder.
enum FilePaths {
    /// `path` made absolute against the current directory, with `.` and `..` folded.
    static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }

    /// The folder containing `path`.
    static func directory(of path: String) -> String {
        URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
    }

    /// `path` resolved against `base` unless already absolute.
    static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") ? URL(fileURLWithPath: path).standardizedFileURL.path
            : URL(fileURLWithPath: base + "/" + path).standardizedFileURL.path
    }

    /// The folder of the running executable.
    static var executableDirectory: String {
        directory(of: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    }
}
