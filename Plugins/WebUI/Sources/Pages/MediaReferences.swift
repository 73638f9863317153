import Foundation
import LanternPluginSDK

/// Media the SDKs took out of inputs, outputs and metadata: each `@@@langfuseMedia:type=…|id=…|source=…@@@`
/// reference is looked up through `GET /api/public/media/{id}` and shown as an image, an audio player or a
/// download link, at its same-site download URL, never as base64 text.
enum MediaReferences {
    /// At most this many media are shown per node; the references stay readable in the JSON.
    static let limit = 12

    /// The distinct media ids referenced in `values`, in order.
    static func ids(in values: [JSONValue?]) -> [String] {
        var found: [String] = []
        func visit(_ value: JSONValue) {
            guard found.count < limit else { return }
            switch value {
            case .string(let text): for id in references(in: text) where !found.contains(id) && found.count < limit { found.append(id) }
            case .array(let items): items.forEach(visit)
            case .object(let object): object.keys.sorted().forEach { visit(object[$0] ?? .null) }
            default: break
            }
        }
        values.compactMap { $0 }.forEach(visit)
        return found
    }

    /// The ids of the references in one string.
    static func references(in text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "@@@langfuseMedia:") {
            guard let end = rest[start.upperBound...].range(of: "@@@") else { break }
            for field in rest[start.upperBound..<end.lowerBound].split(separator: "|") where field.hasPrefix("id=") {
                ids.append(String(field.dropFirst(3)))
            }
            rest = rest[end.upperBound...]
        }
        return ids
    }

    /// The template values of the media referenced in `values`: `{image|audio|file, src, type, size}` each.
    static func load(_ page: PageRequest, projectID: String, values: [JSONValue?]) async -> [[String: Any]] {
        var media: [[String: Any]] = []
        for id in ids(in: values) {
            guard let record = try? await page.api.get("/api/public/media/\(PageRenderer.escapePath(id))", project: projectID).objectValue,
                  let url = record["url"]?.stringValue, let path = sameSitePath(url) else { continue }
            let type = record["contentType"]?.stringValue ?? "application/octet-stream"
            let size = record["contentLength"]?.numberValue.map { Formatting.number(($0 / 1024).rounded(.up)) + " KiB" } ?? ""
            media.append(["src": path, "type": type, "size": size, "image": type.hasPrefix("image/"), "audio": type.hasPrefix("audio/"),
                          "file": !type.hasPrefix("image/") && !type.hasPrefix("audio/")])
        }
        return media
    }

    /// The path and query of a download URL on this server (the page's CSP allows only its own origin).
    static func sameSitePath(_ url: String) -> String? {
        if url.hasPrefix("/") { return url }
        guard let components = URLComponents(string: url), components.path.hasPrefix("/api/public/") else { return nil }
        return components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
    }
}
