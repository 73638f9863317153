/// The versioned schema. Each migration runs once, in its own transaction, recorded in `schema_migrations`.
enum SQLiteSchema {
    static let migrations: [(version: Int, sql: String)] = [
        (1, """
        CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, metadata TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE api_keys (id TEXT NOT NULL, project_id TEXT NOT NULL, public_key TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,
            display_secret TEXT NOT NULL, created_at INTEGER NOT NULL);
        CREATE TABLE traces (project_id TEXT NOT NULL, id TEXT NOT NULL, timestamp INTEGER NOT NULL, name TEXT, user_id TEXT,
            session_id TEXT, release TEXT, version TEXT, input TEXT, output TEXT, metadata TEXT NOT NULL, tags TEXT NOT NULL,
            public INTEGER NOT NULL, environment TEXT NOT NULL, external_id TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX traces_by_time ON traces (project_id, timestamp DESC, id);
        CREATE INDEX traces_by_user ON traces (project_id, user_id, timestamp DESC);
        CREATE INDEX traces_by_session ON traces (project_id, session_id, timestamp);
        CREATE INDEX traces_by_name ON traces (project_id, name, timestamp DESC);
        CREATE TABLE observations (project_id TEXT NOT NULL, id TEXT NOT NULL, trace_id TEXT NOT NULL, type TEXT NOT NULL, name TEXT,
            start_time INTEGER NOT NULL, end_time INTEGER, completion_start_time INTEGER, parent_observation_id TEXT, level TEXT NOT NULL,
            status_message TEXT, version TEXT, environment TEXT NOT NULL, input TEXT, output TEXT, metadata TEXT NOT NULL, model TEXT,
            model_parameters TEXT, usage_details TEXT NOT NULL, cost_details TEXT NOT NULL, total_cost REAL, prompt_name TEXT,
            prompt_version INTEGER, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (project_id, id));
        CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time);
        CREATE INDEX observations_by_time ON observations (project_id, start_time DESC, id);
        CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);
        CREATE TABLE scores (project_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, data_type TEXT NOT NULL, value REAL,
            string_value TEXT, source TEXT NOT NULL, trace_id TEXT, observation_id TEXT, session_id TEXT, dataset_run_id TEXT,
            comment TEXT, metadata TEXT NOT NULL, config_id TEXT, queue_id TEXT, author_user_id TEXT, environment TEXT NOT NULL,
            timestamp INTEGER NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, PRIMARY KEY (project_id, id));
        CREATE INDEX scores_by_trace ON scores (project_id, trace_id, timestamp DESC);
        CREATE TABLE sessions (project_id TEXT NOT NULL, id TEXT NOT NULL, environment TEXT NOT NULL, created_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX sessions_by_time ON sessions (project_id, created_at DESC, id);
        """),
        (2, """
        CREATE TABLE prompts (project_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL,
            prompt TEXT NOT NULL, config TEXT NOT NULL, labels TEXT NOT NULL, tags TEXT NOT NULL, commit_message TEXT,
            created_by TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, name, version));
        CREATE TABLE datasets (project_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, description TEXT, metadata TEXT,
            input_schema TEXT, expected_output_schema TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, name));
        CREATE TABLE dataset_items (project_id TEXT NOT NULL, id TEXT NOT NULL, dataset_id TEXT NOT NULL, input TEXT, expected_output TEXT,
            metadata TEXT, source_trace_id TEXT, source_observation_id TEXT, status TEXT NOT NULL, created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL, PRIMARY KEY (project_id, id));
        CREATE INDEX dataset_items_by_dataset ON dataset_items (project_id, dataset_id, created_at);
        CREATE TABLE dataset_runs (project_id TEXT NOT NULL, id TEXT NOT NULL, dataset_id TEXT NOT NULL, name TEXT NOT NULL, description TEXT,
            metadata TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, dataset_id, name));
        CREATE TABLE dataset_run_items (project_id TEXT NOT NULL, id TEXT NOT NULL, dataset_run_id TEXT NOT NULL, dataset_item_id TEXT NOT NULL,
            trace_id TEXT NOT NULL, observation_id TEXT, created_at INTEGER NOT NULL, PRIMARY KEY (project_id, id));
        CREATE INDEX dataset_run_items_by_run ON dataset_run_items (project_id, dataset_run_id, created_at);
        CREATE TABLE media (project_id TEXT NOT NULL, id TEXT NOT NULL, content_type TEXT NOT NULL, content_length INTEGER NOT NULL,
            sha256 TEXT NOT NULL, trace_id TEXT, observation_id TEXT, field TEXT, uploaded_at INTEGER, created_at INTEGER NOT NULL,
            bytes BLOB, PRIMARY KEY (project_id, id));
        """),
    ]
}
