/// Migration 1: projects, API keys, traces, observations, scores and sessions.
///
/// Conventions: dates are REAL seconds since 2001-01-01T00:00:00Z (see ``SQLValue/date(_:)``); structured
/// fields are JSON text (objects, arrays, or any JSON value for input/output; NULL when unset). Every
/// project-scoped table is keyed by `(project_id, id)`. No foreign keys: the batch writer keeps traces,
/// observations and scores consistent and deletes them together.
enum SchemaV1 {
    static let sql = """
        CREATE TABLE projects (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            metadata TEXT NOT NULL,
            created_at REAL NOT NULL
        );

        CREATE TABLE api_keys (
            id TEXT NOT NULL PRIMARY KEY,
            project_id TEXT NOT NULL,
            public_key TEXT NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            display_secret TEXT NOT NULL,
            created_at REAL NOT NULL
        );
        CREATE INDEX api_keys_by_project ON api_keys (project_id);

        CREATE TABLE traces (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            timestamp REAL NOT NULL,
            name TEXT,
            user_id TEXT,
            session_id TEXT,
            release TEXT,
            version TEXT,
            input TEXT,
            output TEXT,
            metadata TEXT NOT NULL,
            tags TEXT NOT NULL,
            is_public INTEGER NOT NULL,
            environment TEXT NOT NULL,
            external_id TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX traces_by_time ON traces (project_id, timestamp, id);
        CREATE INDEX traces_by_user ON traces (project_id, user_id, timestamp);
        CREATE INDEX traces_by_session ON traces (project_id, session_id, timestamp);
        CREATE INDEX traces_by_name ON traces (project_id, name);

        CREATE TABLE observations (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            type TEXT NOT NULL,
            name TEXT,
            start_time REAL NOT NULL,
            end_time REAL,
            completion_start_time REAL,
            parent_observation_id TEXT,
            level TEXT NOT NULL,
            status_message TEXT,
            version TEXT,
            environment TEXT NOT NULL,
            input TEXT,
            output TEXT,
            metadata TEXT NOT NULL,
            model TEXT,
            model_parameters TEXT,
            usage_details TEXT NOT NULL,
            cost_details TEXT NOT NULL,
            total_cost REAL,
            prompt_name TEXT,
            prompt_version INTEGER,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time, id);
        CREATE INDEX observations_by_time ON observations (project_id, start_time, id);
        CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);

        CREATE TABLE scores (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            data_type TEXT NOT NULL,
            value REAL,
            string_value TEXT,
            source TEXT NOT NULL,
            trace_id TEXT,
            observation_id TEXT,
            session_id TEXT,
            dataset_run_id TEXT,
            comment TEXT,
            metadata TEXT NOT NULL,
            config_id TEXT,
            queue_id TEXT,
            author_user_id TEXT,
            environment TEXT NOT NULL,
            timestamp REAL NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX scores_by_trace ON scores (project_id, trace_id, timestamp);

        CREATE TABLE sessions (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            environment TEXT NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX sessions_by_time ON sessions (project_id, created_at, id);
        """
}
