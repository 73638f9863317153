/// Migration 10: the large JSON columns (trace and observation input, output and metadata; dataset item and dataset
/// item version input, expected output and metadata) are compressed with lz4 instead of pglz when PostgreSQL moves them to TOAST.
///
/// A typical LLM observation row (1–2 KB each of input and output) passes the 2 KB TOAST threshold, so every write
/// compressed it, and pglz is slow: in 30 s A/B runs at 32 clients, OTLP ingestion went from 3,812 spans/s (pglz) to
/// 4,265–4,636 (lz4 on these columns). Only values written afterwards use lz4; nothing is
/// rewritten. Servers without lz4 (PostgreSQL 13, or 14+ built without it) keep pglz: the migration then
/// changes nothing and says so in a notice.
enum SchemaV10 {
    static let sql = """
        DO $$
        BEGIN
            EXECUTE 'ALTER TABLE observations ALTER COLUMN input SET COMPRESSION lz4, '
                 || 'ALTER COLUMN output SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4';
            EXECUTE 'ALTER TABLE traces ALTER COLUMN input SET COMPRESSION lz4, '
                 || 'ALTER COLUMN output SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4';
            EXECUTE 'ALTER TABLE dataset_items ALTER COLUMN input SET COMPRESSION lz4, '
                 || 'ALTER COLUMN expected_output SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4';
            EXECUTE 'ALTER TABLE dataset_item_versions ALTER COLUMN input SET COMPRESSION lz4, '
                 || 'ALTER COLUMN expected_output SET COMPRESSION lz4, ALTER COLUMN metadata SET COMPRESSION lz4';
        EXCEPTION WHEN syntax_error OR feature_not_supported THEN
            RAISE NOTICE 'lz4 column compression is not available on this server (%); large values stay compressed with pglz', SQLERRM;
        END
        $$;
        """
}
