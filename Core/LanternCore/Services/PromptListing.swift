import Foundation
import LanternPluginSDK

/// `GET /api/public/v2/prompts`: one row per prompt name with its versions, labels, tags, last update and the
/// config of its newest version, filtered and paged (contract §4).
struct PromptListing {
    /// The filters of the list.
    struct Filter {
        var name: String?
        /// Some version carries this label.
        var label: String?
        var tag: String?
        /// Inclusive bounds on the name's last update.
        var fromUpdatedAt: Date?
        var toUpdatedAt: Date?
    }

    /// One prompt name.
    struct Row: Sendable {
        let newest: Prompt
        let versions: [Int]
        let labels: [String]
        let lastUpdatedAt: Date
    }

    /// The rows of `versions` (every version of the project, by name then newest first) that pass `filter`, by name.
    static func rows(_ versions: [Prompt], filter: Filter) -> [Row] {
        var rows: [Row] = []
        var index = versions.startIndex
        while index < versions.endIndex {
            let name = versions[index].name
            let end = versions[index...].firstIndex { $0.name != name } ?? versions.endIndex
            let group = versions[index..<end]
            index = end
            guard let newest = group.first else { continue }
            let row = Row(newest: newest, versions: group.map(\.version), labels: Array(Set(group.flatMap(\.labels))).sorted(),
                          lastUpdatedAt: group.map(\.updatedAt).max() ?? newest.updatedAt)
            if let wanted = filter.name, wanted != name { continue }
            if let label = filter.label, !row.labels.contains(label) { continue }
            if let tag = filter.tag, !newest.tags.contains(tag) { continue }
            if let from = filter.fromUpdatedAt, row.lastUpdatedAt < from { continue }
            if let to = filter.toUpdatedAt, row.lastUpdatedAt > to { continue }
            rows.append(row)
        }
        return rows
    }

    /// `PromptMeta`.
    static func present(_ row: Row) -> JSONValue {
        [
            "name": .string(row.newest.name), "type": .string(row.newest.kind.rawValue),
            "versions": .array(row.versions.map { .number(Double($0)) }), "labels": .array(row.labels.map(JSONValue.string)),
            "tags": .array(row.newest.tags.map(JSONValue.string)), "lastUpdatedAt": Presenters.date(row.lastUpdatedAt),
            "lastConfig": row.newest.config,
        ]
    }
}
