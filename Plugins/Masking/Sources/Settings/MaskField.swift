/// The places a rule can be limited to (`fields:`). Which event and record fields belong to each is listed in the
/// README and decided in ``EventMasker`` and ``MaskingProcessor``.
enum MaskField: String, CaseIterable, Sendable {
    case input, output, metadata, comment, datasetItem, media
}

/// Where one rule applies: everywhere (no `fields:`), or the named fields plus metadata members whose key matches
/// one of the globs.
struct FieldScope: Sendable {
    /// No `fields:` given: every field, including record fields a later kernel adds.
    let everywhere: Bool
    let fields: Set<MaskField>
    /// `metadata:<glob>` entries: the rule applies below metadata members whose key matches one.
    let metadataKeys: [KeyGlob]

    /// Applies everywhere.
    static let all = FieldScope(everywhere: true, fields: [], metadataKeys: [])

    /// Whether the rule applies to the whole of `field`.
    func covers(_ field: MaskField) -> Bool { everywhere || fields.contains(field) }
}
