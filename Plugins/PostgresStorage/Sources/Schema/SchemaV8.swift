/// Migration 8: the `lantern_histogram` aggregate helper of the metrics API (``MetricsFunctionsSQL``).
enum SchemaV8 {
    static let sql = MetricsFunctionsSQL.sql
}
