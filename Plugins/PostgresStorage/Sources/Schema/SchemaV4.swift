/// Migration 4: comments on traces, observations, sessions and prompts (the optional `CommentStore` capability).
enum SchemaV4 {
    static let sql = #"""
        CREATE TABLE comments (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            object_type TEXT COLLATE "C" NOT NULL,
            object_id TEXT COLLATE "C" NOT NULL,
            content TEXT NOT NULL,
            author_user_id TEXT COLLATE "C",
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX comments_by_object ON comments (project_id, object_type, object_id, created_at);
        CREATE INDEX comments_by_time ON comments (project_id, created_at DESC, id DESC);
        """#
}
