/// Migration 13: the evaluation runtime. LLM connections (secrets sealed by the kernel), evaluator versions,
/// evaluation rules, and executions: the job queue and the execution log in one table, where a waiting row is a job.
enum SchemaV13 {
    static let sql = """
        CREATE TABLE llm_connections (
            project_id TEXT NOT NULL, id TEXT NOT NULL, provider TEXT NOT NULL, adapter TEXT NOT NULL,
            sealed_secret_key TEXT NOT NULL, display_secret_key TEXT NOT NULL, base_url TEXT, custom_models TEXT NOT NULL,
            with_default_models INTEGER NOT NULL, extra_header_keys TEXT NOT NULL, sealed_extra_headers TEXT, config TEXT,
            created_at REAL NOT NULL, updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, provider)
        );
        CREATE TABLE evaluators (
            project_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL,
            definition TEXT NOT NULL, created_at REAL NOT NULL,
            PRIMARY KEY (project_id, id, version), UNIQUE (project_id, name, version)
        );
        CREATE TABLE evaluation_rules (
            project_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, enabled INTEGER NOT NULL, target TEXT NOT NULL,
            sampling REAL NOT NULL, delay_seconds REAL NOT NULL, filter TEXT NOT NULL, evaluators TEXT NOT NULL,
            paused_reason TEXT, paused_message TEXT, consecutive_failures INTEGER NOT NULL,
            created_at REAL NOT NULL, updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id), UNIQUE (project_id, name)
        );
        CREATE TABLE evaluation_executions (
            project_id TEXT NOT NULL, id TEXT NOT NULL, rule_id TEXT NOT NULL, evaluator_id TEXT NOT NULL, status TEXT NOT NULL,
            trace_id TEXT NOT NULL, observation_id TEXT, dataset_item_id TEXT, dataset_run_id TEXT, reason TEXT,
            attempts INTEGER NOT NULL, run_after REAL NOT NULL, lease_until REAL, started_at REAL, ended_at REAL, latency_ms REAL,
            score_id TEXT, judge_trace_id TEXT, evaluator_version INTEGER, created_at REAL NOT NULL, updated_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        CREATE INDEX evaluation_executions_due ON evaluation_executions (run_after) WHERE status IN ('pending', 'delayed', 'running');
        CREATE INDEX evaluation_executions_by_rule ON evaluation_executions (project_id, rule_id, created_at);
        CREATE INDEX evaluation_executions_by_trace ON evaluation_executions (project_id, trace_id);
        """
}
