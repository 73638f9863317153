/// Migration 3: indexes for the score list (`GET /api/public/v2/scores`: newest first, by name, by session) and
/// the `score_configs` table (categories as a JSON array of `{label, value}`).
enum SchemaV3 {
    static let sql = """
        CREATE INDEX scores_by_time ON scores (project_id, timestamp DESC, id DESC);
        CREATE INDEX scores_by_name ON scores (project_id, name, timestamp DESC);
        CREATE INDEX scores_by_session ON scores (project_id, session_id) WHERE session_id IS NOT NULL;

        CREATE TABLE score_configs (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            data_type TEXT NOT NULL,
            is_archived INTEGER NOT NULL,
            min_value REAL,
            max_value REAL,
            categories TEXT,
            description TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX score_configs_by_time ON score_configs (project_id, created_at DESC, id DESC);
        """
}
