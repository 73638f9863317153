/// Migration 7: cost tracking and metrics. Observations keep the model definition their cost came from and carry
/// the usage and cost sums that metrics aggregate, as columns PostgreSQL computes from the stored details; project
/// model definitions.
enum SchemaV7 {
    static let sql = """
        CREATE FUNCTION lantern_sum_keys(details jsonb, part text) RETURNS double precision
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT sum(value::double precision) FROM jsonb_each_text(details) WHERE strpos(key, part) > 0
            $$;
        ALTER TABLE observations
            ADD COLUMN model_id TEXT COLLATE "C",
            ADD COLUMN input_tokens DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(usage_details, 'input')) STORED,
            ADD COLUMN output_tokens DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(usage_details, 'output')) STORED,
            ADD COLUMN total_tokens DOUBLE PRECISION GENERATED ALWAYS AS ((usage_details ->> 'total')::double precision) STORED,
            ADD COLUMN input_cost DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(cost_details, 'input')) STORED,
            ADD COLUMN output_cost DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(cost_details, 'output')) STORED;
        CREATE INDEX observations_by_model ON observations (project_id, model, start_time);

        CREATE TABLE models (
            project_id TEXT COLLATE "C" NOT NULL,
            id TEXT COLLATE "C" NOT NULL,
            definition JSONB NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (project_id, id)
        );
        """
}
