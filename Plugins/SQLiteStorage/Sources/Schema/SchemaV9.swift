/// Migration 9: `trace_tags`, one row per (trace, tag), kept with every trace write, so that a tag filter looks its
/// traces up by index instead of reading every trace's tag list; existing traces are indexed.
enum SchemaV9 {
    static let sql = """
        CREATE TABLE trace_tags (
            project_id TEXT NOT NULL,
            tag TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            PRIMARY KEY (project_id, tag, trace_id)
        ) WITHOUT ROWID;
        INSERT OR IGNORE INTO trace_tags SELECT traces.project_id, tags.value, traces.id FROM traces, json_each(traces.tags) AS tags;
        """
}
