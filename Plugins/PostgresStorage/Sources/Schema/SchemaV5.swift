/// Migration 5: annotation queues, their items and their assigned users (the optional `AnnotationQueueStore` capability).
enum SchemaV5 {
    static let sql = #"""
        CREATE TABLE annotation_queues (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            name TEXT NOT NULL,
            description TEXT,
            score_config_ids JSONB NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX annotation_queues_by_time ON annotation_queues (project_id, created_at DESC, id DESC);

        CREATE TABLE annotation_queue_items (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            queue_id TEXT COLLATE "C" NOT NULL,
            object_id TEXT COLLATE "C" NOT NULL,
            object_type TEXT COLLATE "C" NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            completed_at DOUBLE PRECISION,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX annotation_queue_items_by_queue ON annotation_queue_items (project_id, queue_id, status, created_at, id);

        CREATE TABLE annotation_queue_assignments (
            project_id TEXT COLLATE "C" NOT NULL,
            queue_id TEXT COLLATE "C" NOT NULL,
            user_id TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (project_id, queue_id, user_id)
        );
        """#
}
