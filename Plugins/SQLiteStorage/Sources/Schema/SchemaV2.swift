/// Migration 2: the catalog: prompts, datasets with their items, runs and run items, and media.
///
/// Same conventions as ``SchemaV1``. Media bytes live in the `bytes` BLOB beside their record.
enum SchemaV2 {
    static let sql = """
        CREATE TABLE prompts (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL,
            prompt TEXT NOT NULL,
            config TEXT NOT NULL,
            labels TEXT NOT NULL,
            tags TEXT NOT NULL,
            commit_message TEXT,
            created_by TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id),
            UNIQUE (project_id, name, version)
        );

        CREATE TABLE datasets (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            metadata TEXT,
            input_schema TEXT,
            expected_output_schema TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id),
            UNIQUE (project_id, name)
        );
        CREATE INDEX datasets_by_time ON datasets (project_id, created_at, id);

        CREATE TABLE dataset_items (
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
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX dataset_items_by_dataset ON dataset_items (project_id, dataset_id, created_at, id);
        CREATE INDEX dataset_items_by_time ON dataset_items (project_id, created_at, id);

        CREATE TABLE dataset_runs (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            dataset_id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            metadata TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id),
            UNIQUE (project_id, dataset_id, name)
        );
        CREATE INDEX dataset_runs_by_time ON dataset_runs (project_id, dataset_id, created_at, id);

        CREATE TABLE dataset_run_items (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            dataset_run_id TEXT NOT NULL,
            dataset_item_id TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            observation_id TEXT,
            created_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX dataset_run_items_by_run ON dataset_run_items (project_id, dataset_run_id, created_at, id);

        CREATE TABLE media (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            content_type TEXT NOT NULL,
            content_length INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            trace_id TEXT,
            observation_id TEXT,
            field TEXT,
            uploaded_at REAL,
            created_at REAL NOT NULL,
            bytes BLOB,
            PRIMARY KEY (project_id, id)
        );
        """
}
