/// Migration 10: `trace_totals`, the totals of each trace's observations, kept at write time (every batch refreshes
/// the traces whose observations it wrote) so that trace lists and their total filters never aggregate trees.
enum SchemaV10 {
    static let sql = """
        CREATE TABLE trace_totals (
            project_id TEXT NOT NULL,
            trace_id TEXT NOT NULL,
            observation_count INTEGER NOT NULL,
            error_count INTEGER NOT NULL,
            warning_count INTEGER NOT NULL,
            first_start REAL NOT NULL,
            last_end REAL NOT NULL,
            total_cost REAL,
            input_cost REAL,
            output_cost REAL,
            input_tokens REAL,
            output_tokens REAL,
            total_tokens REAL,
            PRIMARY KEY (project_id, trace_id)
        ) WITHOUT ROWID;
        \(TraceTotalsSQL.refresh) GROUP BY project_id, trace_id;
        """
}
