/// Migration 14: the evaluation runtime. LLM connections (secrets sealed by the kernel), evaluator versions,
/// evaluation rules, and executions: the job queue and the execution log in one table, where a waiting row is a job.
enum SchemaV14 {
    static let sql = """
        CREATE TABLE llm_connections (
            project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, provider TEXT COLLATE "C" NOT NULL, adapter TEXT COLLATE "C" NOT NULL,
            sealed_secret_key TEXT COLLATE "C" NOT NULL, display_secret_key TEXT COLLATE "C" NOT NULL, base_url TEXT COLLATE "C", custom_models JSONB NOT NULL,
            with_default_models BOOLEAN NOT NULL, extra_header_keys JSONB NOT NULL, sealed_extra_headers TEXT COLLATE "C", config JSONB,
            created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, provider)
        );
        CREATE TABLE evaluators (
            project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, version INTEGER NOT NULL, type TEXT COLLATE "C" NOT NULL,
            definition JSONB NOT NULL, created_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id, version), UNIQUE (project_id, name, version)
        );
        CREATE TABLE evaluation_rules (
            project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, name TEXT COLLATE "C" NOT NULL, enabled BOOLEAN NOT NULL, target TEXT COLLATE "C" NOT NULL,
            sampling DOUBLE PRECISION NOT NULL, delay_seconds DOUBLE PRECISION NOT NULL, filter JSONB NOT NULL, evaluators JSONB NOT NULL,
            paused_reason TEXT COLLATE "C", paused_message TEXT COLLATE "C", consecutive_failures INTEGER NOT NULL,
            created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, name)
        );
        CREATE TABLE evaluation_executions (
            project_id TEXT COLLATE "C" NOT NULL, id TEXT COLLATE "C" NOT NULL, rule_id TEXT COLLATE "C" NOT NULL, evaluator_id TEXT COLLATE "C" NOT NULL, status TEXT COLLATE "C" NOT NULL,
            trace_id TEXT COLLATE "C" NOT NULL, observation_id TEXT COLLATE "C", dataset_item_id TEXT COLLATE "C", dataset_run_id TEXT COLLATE "C", reason TEXT COLLATE "C",
            attempts INTEGER NOT NULL, run_after DOUBLE PRECISION NOT NULL, lease_until DOUBLE PRECISION, started_at DOUBLE PRECISION, ended_at DOUBLE PRECISION, latency_ms DOUBLE PRECISION,
            score_id TEXT COLLATE "C", judge_trace_id TEXT COLLATE "C", evaluator_version INTEGER, created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX evaluation_executions_due ON evaluation_executions (run_after) WHERE status IN ('pending', 'delayed', 'running');
        CREATE INDEX evaluation_executions_by_rule ON evaluation_executions (project_id, rule_id, created_at);
        CREATE INDEX evaluation_executions_by_trace ON evaluation_executions (project_id, trace_id);
        """
}
