/// Migration 5: comments on traces, observations, sessions and prompts.
enum SchemaV5 {
    static let sql = """
        CREATE TABLE comments (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id TEXT NOT NULL,
            content TEXT NOT NULL,
            author_user_id TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX comments_by_object ON comments (project_id, object_type, object_id, created_at);
        CREATE INDEX comments_by_time ON comments (project_id, created_at DESC, id DESC);
        """
}
