/// Migration 7: every version of every dataset item, for point-in-time reads; existing items become their first version.
enum SchemaV7 {
    static let sql = """
        CREATE TABLE dataset_item_versions (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            dataset_id TEXT NOT NULL,
            input TEXT,
            expected_output TEXT,
            metadata TEXT,
            source_trace_id TEXT,
            source_observation_id TEXT,
            status TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            valid_from REAL NOT NULL,
            valid_to REAL
        );
        CREATE INDEX dataset_item_versions_by_item ON dataset_item_versions (project_id, id, valid_to);
        CREATE INDEX dataset_item_versions_by_dataset ON dataset_item_versions (project_id, dataset_id, valid_from);
        INSERT INTO dataset_item_versions
            SELECT project_id, id, dataset_id, input, expected_output, metadata, source_trace_id, source_observation_id, status,
                   created_at, updated_at, updated_at, NULL
            FROM dataset_items;
        CREATE INDEX dataset_items_by_source_trace ON dataset_items (project_id, source_trace_id);
        """
}
