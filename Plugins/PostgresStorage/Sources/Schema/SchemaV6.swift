/// Migration 6: every version of every dataset item, for point-in-time reads; existing items become their first version.
enum SchemaV6 {
    static let sql = """
        CREATE TABLE dataset_item_versions (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            dataset_id TEXT COLLATE "C" NOT NULL,
            input JSONB,
            expected_output JSONB,
            metadata JSONB,
            source_trace_id TEXT COLLATE "C",
            source_observation_id TEXT COLLATE "C",
            status TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            valid_from DOUBLE PRECISION NOT NULL,
            valid_to DOUBLE PRECISION
        );
        CREATE INDEX dataset_item_versions_by_item ON dataset_item_versions (project_id, id) WHERE valid_to IS NULL;
        CREATE INDEX dataset_item_versions_by_dataset ON dataset_item_versions (project_id, dataset_id, valid_from);
        INSERT INTO dataset_item_versions
            SELECT project_id, id, dataset_id, input, expected_output, metadata, source_trace_id, source_observation_id, status,
                   created_at, updated_at, updated_at, NULL
            FROM dataset_items;
        CREATE INDEX dataset_items_by_source_trace ON dataset_items (project_id, source_trace_id);
        """
}
