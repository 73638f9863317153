/// Migration 11: the observation usage and cost sums (`input_tokens`, `output_tokens`, `total_tokens`, `input_cost`,
/// `output_cost`) become plain columns that the batch writer fills (``ObservationPatch``) instead of stored generated
/// columns. PostgreSQL computed them row by row through the SQL function `lantern_sum_keys`, which it cannot inline (it
/// aggregates), so each inserted row set up four small executor plans: 13 % of the database server's time under OTLP
/// load. `DROP EXPRESSION` keeps the stored values and rewrites nothing; it needs PostgreSQL 13, and an older server is
/// refused with a message saying so.
enum SchemaV11 {
    static let sql = """
        DO $$
        BEGIN
            IF current_setting('server_version_num')::integer < 130000 THEN
                RAISE EXCEPTION 'Lantern''s PostgreSQL storage needs PostgreSQL 13 or newer; this server runs %',
                    current_setting('server_version');
            END IF;
            EXECUTE 'ALTER TABLE observations ALTER COLUMN input_tokens DROP EXPRESSION, '
                 || 'ALTER COLUMN output_tokens DROP EXPRESSION, ALTER COLUMN total_tokens DROP EXPRESSION, '
                 || 'ALTER COLUMN input_cost DROP EXPRESSION, ALTER COLUMN output_cost DROP EXPRESSION';
            DROP FUNCTION lantern_sum_keys(jsonb, text);
        END
        $$;
        """
}
