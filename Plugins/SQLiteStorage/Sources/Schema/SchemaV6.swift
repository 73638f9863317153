/// Migration 6: annotation queues, their items and their assigned users.
enum SchemaV6 {
    static let sql = """
        CREATE TABLE annotation_queues (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            score_config_ids TEXT NOT NULL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX annotation_queues_by_time ON annotation_queues (project_id, created_at DESC, id DESC);

        CREATE TABLE annotation_queue_items (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            queue_id TEXT NOT NULL,
            object_id TEXT NOT NULL,
            object_type TEXT NOT NULL,
            status TEXT NOT NULL,
            completed_at REAL,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX annotation_queue_items_by_queue ON annotation_queue_items (project_id, queue_id, status, created_at, id);

        CREATE TABLE annotation_queue_assignments (
            project_id TEXT NOT NULL,
            queue_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            PRIMARY KEY (project_id, queue_id, user_id)
        );
        """
}
