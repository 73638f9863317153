import Foundation
import LanternPluginSDK

/// Prompt versions: writes (each serialized per name, see ``SQLConnection/serialized(_:_:_:)``) and reads.
package struct PromptCatalog<Connection: SQLConnection> {
    let fetcher: RowFetcher<Connection>

    /// Prompt reads and writes with `fetcher`.
    package init(fetcher: RowFetcher<Connection>) { self.fetcher = fetcher }

    /// Stores `draft` as the next version of its name and returns it as stored: the new version takes
    /// the `latest` label, its labels leave the other versions, and every version takes its tags (a draft
    /// without tags inherits those of the newest version, as in Langfuse).
    /// A name that exists with another kind throws ``StorageError/conflict(_:)``.
    package func create(_ draft: Prompt) throws -> Prompt {
        let connection = fetcher.connection
        let key: [SQLValue] = [.text(draft.projectID), .text(draft.name)]
        return try connection.serialized("prompt", key) {
            let versions = try fetcher.fetch(PromptTable.self, PromptTable.selectVersions, key)
            if let newest = versions.first, newest.kind != draft.kind {
                throw StorageError.conflict("prompt '\(draft.name)' is a \(newest.kind.rawValue) prompt; a new version cannot be \(draft.kind.rawValue)")
            }
            let highest = try fetcher.count("SELECT COALESCE(MAX(version), 0) FROM prompts WHERE project_id = ? AND name = ?", key)
            let (next, overflow) = highest.addingReportingOverflow(1)
            guard !overflow, next <= Connection.largestInteger else { throw StorageError.conflict("prompt '\(draft.name)' has no version number left") }
            var prompt = draft
            prompt.version = next
            prompt.labels = Array(Set(draft.labels + ["latest"])).sorted()
            if prompt.tags.isEmpty, let newest = versions.first { prompt.tags = newest.tags }
            for var other in versions {
                let labels = other.labels.filter { !prompt.labels.contains($0) }
                guard labels != other.labels || other.tags != prompt.tags else { continue }
                other.labels = labels
                other.tags = prompt.tags
                try connection.run(PromptTable.upsert, try PromptTable.values(other, json: fetcher.json))
            }
            try connection.run(PromptTable.upsert, try PromptTable.values(prompt, json: fetcher.json))
            return prompt
        }
    }

    /// Adds `labels` to one version and removes them from the others; nil when the version does not exist.
    package func setLabels(projectID: String, name: String, version: Int, labels: [String], now: Date) throws -> Prompt? {
        let connection = fetcher.connection
        let key: [SQLValue] = [.text(projectID), .text(name)]
        return try connection.serialized("prompt", key) {
            let versions = try fetcher.fetch(PromptTable.self, PromptTable.selectVersions, key)
            guard var target = versions.first(where: { $0.version == version }) else { return nil }
            for var other in versions where other.version != version && other.labels.contains(where: labels.contains) {
                other.labels.removeAll { labels.contains($0) }
                other.updatedAt = now
                try connection.run(PromptTable.upsert, try PromptTable.values(other, json: fetcher.json))
            }
            target.labels = Array(Set(target.labels + labels)).sorted()
            target.updatedAt = now
            try connection.run(PromptTable.upsert, try PromptTable.values(target, json: fetcher.json))
            return target
        }
    }

    /// The version with this number, or nil.
    package func version(projectID: String, name: String, version: Int) throws -> Prompt? {
        try fetcher.fetch(PromptTable.self, "SELECT \(PromptTable.selectList) FROM prompts WHERE project_id = ? AND name = ? AND version = ?",
                          [.text(projectID), .text(name), .int(version)]).first
    }

    /// The newest version carrying `label`, or nil.
    package func version(projectID: String, name: String, label: String) throws -> Prompt? {
        try fetcher.fetch(PromptTable.self, """
            SELECT \(PromptTable.selectList) FROM prompts WHERE project_id = ? AND name = ?
            AND \(Connection.holds("prompts.labels")) ORDER BY version DESC LIMIT 1
            """, [.text(projectID), .text(name), .text(label)]).first
    }

    /// Every version of a name, newest first.
    package func versions(projectID: String, name: String) throws -> [Prompt] {
        try fetcher.fetch(PromptTable.self, PromptTable.selectVersions, [.text(projectID), .text(name)])
    }

    /// Every version of every prompt of the project, by name, then newest version first.
    package func all(projectID: String) throws -> [Prompt] {
        try fetcher.fetch(PromptTable.self, "SELECT \(PromptTable.selectList) FROM prompts WHERE project_id = ? ORDER BY name, version DESC",
                          [.text(projectID)])
    }

    /// Deletes these versions of a name; `latest` moves to the highest remaining version.
    package func delete(projectID: String, name: String, versions doomed: [Int], now: Date) throws -> Int {
        let connection = fetcher.connection
        let key: [SQLValue] = [.text(projectID), .text(name)]
        return try connection.serialized("prompt", key) {
            let versions = try fetcher.fetch(PromptTable.self, PromptTable.selectVersions, key)
            let deleted = versions.filter { doomed.contains($0.version) }
            for prompt in deleted {
                try connection.run("DELETE FROM prompts WHERE project_id = ? AND name = ? AND version = ?", key + [.int(prompt.version)])
            }
            if deleted.contains(where: { $0.labels.contains("latest") }), var newest = versions.first(where: { !doomed.contains($0.version) }) {
                newest.labels = Array(Set(newest.labels + ["latest"])).sorted()
                newest.updatedAt = now
                try connection.run(PromptTable.upsert, try PromptTable.values(newest, json: fetcher.json))
            }
            return deleted.count
        }
    }
}
