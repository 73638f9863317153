/// The SQL functions that the PostgreSQL statements of `MetricsSQL` call, for a migration to create.
///
/// `lantern_histogram(values, bins)`, called as `lantern_histogram(array_agg(x), n)`: JSON text
/// `[[lower, upper, count], ...]` over `bins` (1…1000, 10 when NULL) equal-width bins from the least to the
/// greatest finite value (one bin when they are equal; the last bin includes its upper bound); NULL without a
/// finite value. The arithmetic is the SQLite storage's `lantern_histogram` step for step, so both storages
/// answer the same bins, and `extra_float_digits` makes every bound print in its shortest exact form.
/// Percentiles need no function: PostgreSQL's `percentile_cont` is the reference the SQLite one follows.
enum MetricsFunctionsSQL {
    static let sql = #"""
        CREATE OR REPLACE FUNCTION lantern_histogram(vals double precision[], bins integer) RETURNS text
        LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
        SET extra_float_digits = 3
        AS $$
        DECLARE
            low double precision;
            high double precision;
            n integer;
            width double precision;
            counts bigint[];
            v double precision;
            i integer;
            parts text[] := '{}';
        BEGIN
            SELECT min(x), max(x) INTO low, high
            FROM unnest(vals) AS x
            WHERE x NOT IN ('NaN', 'Infinity', '-Infinity');
            IF low IS NULL THEN
                RETURN NULL;
            END IF;
            n := CASE WHEN low = high THEN 1 ELSE least(greatest(coalesce(bins, 10), 1), 1000) END;
            width := (high - low) / n;
            IF NOT (width > 0) OR width = 'Infinity' THEN
                n := 1;
                width := high - low;
            END IF;
            counts := array_fill(0::bigint, ARRAY[n]);
            FOREACH v IN ARRAY vals LOOP
                CONTINUE WHEN v IS NULL OR v IN ('NaN', 'Infinity', '-Infinity');
                i := CASE WHEN n = 1 THEN 0 ELSE least(greatest(floor((v - low) / width), 0), n - 1)::integer END;
                counts[i + 1] := counts[i + 1] + 1;
            END LOOP;
            FOR i IN 0 .. n - 1 LOOP
                parts := parts || format('[%s,%s,%s]', (low + i * width)::text,
                                         (CASE WHEN i = n - 1 THEN high ELSE low + (i + 1) * width END)::text,
                                         counts[i + 1]);
            END LOOP;
            RETURN '[' || array_to_string(parts, ',') || ']';
        END
        $$;
        """#
}
