/// Migration 1: every table, index and SQL function of the storage.
///
/// Conventions:
/// - Dates are `double precision` seconds since 2001-01-01T00:00:00Z, the number Foundation's `Date` holds,
///   so they read back bit for bit (see ``SQLValue/date(_:)``); `lantern_timestamp(x)` shows one as a `timestamptz`.
/// - Structured fields are `jsonb` (objects, arrays, or any JSON value for input/output; NULL when unset).
/// - Text is `COLLATE "C"`: byte order, the same on every server whatever the database's locale, so sorting
///   and paging agree with the SQLite storage.
/// - Every project-scoped table is keyed by `(project_id, id)` with `project_id` first, ready for
///   partitioning or a distribution key. No foreign keys: the batch writer keeps traces, observations and
///   scores consistent and deletes them together.
enum SchemaV1 {
    static let sql = #"""
        CREATE TABLE projects (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL UNIQUE,
            metadata JSONB NOT NULL,
            created_at DOUBLE PRECISION NOT NULL
        );

        CREATE TABLE api_keys (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            project_id TEXT COLLATE "C" NOT NULL,
            public_key TEXT COLLATE "C" NOT NULL UNIQUE,
            secret_hash TEXT NOT NULL,
            display_secret TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX api_keys_by_project ON api_keys (project_id);

        CREATE TABLE traces (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            timestamp DOUBLE PRECISION NOT NULL,
            name TEXT COLLATE "C",
            user_id TEXT COLLATE "C",
            session_id TEXT COLLATE "C",
            release TEXT COLLATE "C",
            version TEXT COLLATE "C",
            input JSONB,
            output JSONB,
            metadata JSONB NOT NULL,
            tags JSONB NOT NULL,
            is_public BOOLEAN NOT NULL,
            environment TEXT COLLATE "C" NOT NULL,
            external_id TEXT COLLATE "C",
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX traces_by_time ON traces (project_id, timestamp DESC, id DESC);
        CREATE INDEX traces_by_user ON traces (project_id, user_id, timestamp DESC);
        CREATE INDEX traces_by_session ON traces (project_id, session_id, timestamp);
        CREATE INDEX traces_by_name ON traces (project_id, name, timestamp DESC);
        CREATE INDEX traces_by_tags ON traces USING GIN (tags jsonb_path_ops);

        CREATE TABLE observations (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            trace_id TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C",
            start_time DOUBLE PRECISION NOT NULL,
            end_time DOUBLE PRECISION,
            completion_start_time DOUBLE PRECISION,
            parent_observation_id TEXT COLLATE "C",
            level TEXT COLLATE "C" NOT NULL,
            status_message TEXT,
            version TEXT COLLATE "C",
            environment TEXT COLLATE "C" NOT NULL,
            input JSONB,
            output JSONB,
            metadata JSONB NOT NULL,
            model TEXT COLLATE "C",
            model_parameters JSONB,
            usage_details JSONB NOT NULL,
            cost_details JSONB NOT NULL,
            total_cost DOUBLE PRECISION,
            prompt_name TEXT COLLATE "C",
            prompt_version INTEGER,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX observations_by_trace ON observations (project_id, trace_id, start_time, id);
        CREATE INDEX observations_by_time ON observations (project_id, start_time DESC, id DESC);
        CREATE INDEX observations_by_parent ON observations (project_id, parent_observation_id);

        CREATE TABLE scores (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            data_type TEXT COLLATE "C" NOT NULL,
            value DOUBLE PRECISION,
            string_value TEXT,
            source TEXT COLLATE "C" NOT NULL,
            trace_id TEXT COLLATE "C",
            observation_id TEXT COLLATE "C",
            session_id TEXT COLLATE "C",
            dataset_run_id TEXT COLLATE "C",
            comment TEXT,
            metadata JSONB NOT NULL,
            config_id TEXT COLLATE "C",
            queue_id TEXT COLLATE "C",
            author_user_id TEXT COLLATE "C",
            environment TEXT COLLATE "C" NOT NULL,
            timestamp DOUBLE PRECISION NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX scores_by_trace ON scores (project_id, trace_id, timestamp DESC);
        CREATE INDEX scores_by_time ON scores (project_id, timestamp DESC, id DESC);
        CREATE INDEX scores_by_name ON scores (project_id, name, timestamp DESC);
        CREATE INDEX scores_by_session ON scores (project_id, session_id) WHERE session_id IS NOT NULL;

        CREATE TABLE sessions (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            environment TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX sessions_by_time ON sessions (project_id, created_at DESC, id DESC);

        CREATE TABLE prompts (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            version INTEGER NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            prompt JSONB NOT NULL,
            config JSONB NOT NULL,
            labels JSONB NOT NULL,
            tags JSONB NOT NULL,
            commit_message TEXT,
            created_by TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id),
            UNIQUE (project_id, name, version)
        );

        CREATE TABLE datasets (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            description TEXT,
            metadata JSONB,
            input_schema JSONB,
            expected_output_schema JSONB,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id),
            UNIQUE (project_id, name)
        );
        CREATE INDEX datasets_by_time ON datasets (project_id, created_at DESC, id DESC);

        CREATE TABLE dataset_items (
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
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX dataset_items_by_dataset ON dataset_items (project_id, dataset_id, created_at, id);
        CREATE INDEX dataset_items_by_time ON dataset_items (project_id, created_at, id);

        CREATE TABLE dataset_runs (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            dataset_id TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            description TEXT,
            metadata JSONB,
            created_at DOUBLE PRECISION NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id),
            UNIQUE (project_id, dataset_id, name)
        );
        CREATE INDEX dataset_runs_by_time ON dataset_runs (project_id, dataset_id, created_at DESC, id DESC);

        CREATE TABLE dataset_run_items (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            dataset_run_id TEXT COLLATE "C" NOT NULL,
            dataset_item_id TEXT COLLATE "C" NOT NULL,
            trace_id TEXT COLLATE "C" NOT NULL,
            observation_id TEXT COLLATE "C",
            created_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX dataset_run_items_by_run ON dataset_run_items (project_id, dataset_run_id, created_at, id);

        CREATE TABLE media (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            content_type TEXT NOT NULL,
            content_length BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            trace_id TEXT COLLATE "C",
            observation_id TEXT COLLATE "C",
            field TEXT,
            uploaded_at DOUBLE PRECISION,
            created_at DOUBLE PRECISION NOT NULL,
            bytes BYTEA,
            PRIMARY KEY (project_id, id)
        );

        -- Langfuse's metadata merge (MergeRules.deepMerge): nested objects merge key by key, anything else is replaced.
        CREATE FUNCTION lantern_jsonb_deep_merge(base jsonb, patch jsonb) RETURNS jsonb
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        BEGIN
            IF jsonb_typeof(base) IS DISTINCT FROM 'object' OR jsonb_typeof(patch) IS DISTINCT FROM 'object' THEN
                RETURN patch;
            END IF;
            RETURN (
                SELECT COALESCE(jsonb_object_agg(key, CASE
                    WHEN jsonb_typeof(base -> key) = 'object' AND jsonb_typeof(patch -> key) = 'object'
                        THEN lantern_jsonb_deep_merge(base -> key, patch -> key)
                    ELSE COALESCE(patch -> key, base -> key) END), '{}'::jsonb)
                FROM (SELECT jsonb_object_keys(base) UNION SELECT jsonb_object_keys(patch)) AS keys(key)
            );
        END $$;

        -- Applies a JSON array of metadata patches in order (NULL: no patch).
        CREATE FUNCTION lantern_jsonb_merge_all(base jsonb, patches jsonb) RETURNS jsonb
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        DECLARE
            merged jsonb := base;
            patch jsonb;
        BEGIN
            IF patches IS NULL THEN RETURN base; END IF;
            FOR patch IN SELECT value FROM jsonb_array_elements(patches) WITH ORDINALITY AS p(value, position) ORDER BY position LOOP
                merged := lantern_jsonb_deep_merge(merged, patch);
            END LOOP;
            RETURN merged;
        END $$;

        -- Two JSON arrays of strings unioned, de-duplicated and sorted by code point.
        CREATE FUNCTION lantern_tags_union(stored jsonb, added jsonb) RETURNS jsonb
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT COALESCE(jsonb_agg(to_jsonb(tag) ORDER BY tag), '[]'::jsonb)
            FROM (SELECT DISTINCT value COLLATE "C" AS tag
                  FROM jsonb_array_elements_text(COALESCE(stored, '[]'::jsonb) || COALESCE(added, '[]'::jsonb))) AS tags
        $$;

        -- A stored date (seconds since 2001-01-01T00:00:00Z) as a timestamptz, for people querying the tables.
        CREATE FUNCTION lantern_timestamp(seconds double precision) RETURNS timestamptz
        LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT to_timestamp(seconds + 978307200)
        $$;
        """#
}
