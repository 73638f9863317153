/// Migration 8: cost tracking and metrics. Observations keep the model definition their cost came from and the
/// usage and cost sums that metrics aggregate (backfilled from the stored details); project model definitions.
enum SchemaV8 {
    static let sql = """
        ALTER TABLE observations ADD COLUMN model_id TEXT;
        ALTER TABLE observations ADD COLUMN input_tokens REAL;
        ALTER TABLE observations ADD COLUMN output_tokens REAL;
        ALTER TABLE observations ADD COLUMN total_tokens REAL;
        ALTER TABLE observations ADD COLUMN input_cost REAL;
        ALTER TABLE observations ADD COLUMN output_cost REAL;
        UPDATE observations SET
            input_tokens = (SELECT SUM(value) FROM json_each(usage_details) WHERE instr(key, 'input') > 0),
            output_tokens = (SELECT SUM(value) FROM json_each(usage_details) WHERE instr(key, 'output') > 0),
            total_tokens = json_extract(usage_details, '$.total'),
            input_cost = (SELECT SUM(value) FROM json_each(cost_details) WHERE instr(key, 'input') > 0),
            output_cost = (SELECT SUM(value) FROM json_each(cost_details) WHERE instr(key, 'output') > 0);
        CREATE INDEX observations_by_model ON observations (project_id, model, start_time);

        CREATE TABLE models (
            project_id TEXT NOT NULL,
            id TEXT NOT NULL,
            definition TEXT NOT NULL,
            created_at REAL NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        """
}
