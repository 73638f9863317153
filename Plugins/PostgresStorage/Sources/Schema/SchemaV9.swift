/// Migration 9: `trace_totals`, the totals of each trace's observations, kept at write time (every batch refreshes
/// the traces whose observations it wrote) so that trace lists and their total filters never aggregate trees.
enum SchemaV9 {
    static let sql = """
        CREATE TABLE trace_totals (
            project_id TEXT COLLATE "C" NOT NULL,
            trace_id TEXT COLLATE "C" NOT NULL,
            observation_count BIGINT NOT NULL,
            error_count BIGINT NOT NULL,
            warning_count BIGINT NOT NULL,
            first_start DOUBLE PRECISION NOT NULL,
            last_end DOUBLE PRECISION NOT NULL,
            total_cost DOUBLE PRECISION,
            input_cost DOUBLE PRECISION,
            output_cost DOUBLE PRECISION,
            input_tokens DOUBLE PRECISION,
            output_tokens DOUBLE PRECISION,
            total_tokens DOUBLE PRECISION,
            PRIMARY KEY (project_id, trace_id)
        );
        \(BatchStatements.traceTotalsSelect) GROUP BY project_id, trace_id;
        """
}
