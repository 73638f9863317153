/// Migration 2: score configs (the optional `ScoreConfigStore` capability). Same conventions as ``SchemaV1``.
enum SchemaV2 {
    static let sql = #"""
        CREATE TABLE score_configs (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            data_type TEXT COLLATE "C" NOT NULL,
            is_archived BOOLEAN NOT NULL,
            min_value DOUBLE PRECISION,
            max_value DOUBLE PRECISION,
            categories JSONB,
            description TEXT,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX score_configs_by_time ON score_configs (project_id, created_at DESC, id DESC);
        """#
}
