/// The statements that write a folded batch. Each reads its rows from one `jsonb` parameter (`$1`, a JSON
/// array of patches, each id once) and applies the ``MergeRules`` in SQL against the stored row, so servers
/// writing the same entity at the same time converge on the merge of both. Rows are taken in id order so
/// concurrent batches lock rows in the same order.
///
/// `$2` is the project id and `$3` the batch's "now" (seconds since 2001).
enum BatchStatements {
    /// The metadata of a row the statement creates: the batch's patches (`i.metadata`, a JSON array) merged into `{}`.
    /// One patch merged into `{}` is that patch, so only a row with several is handed to the PL/pgSQL merge, whose
    /// per-call executor set-up was a tenth of the database server's time under OTLP load.
    private static let createdMetadata = """
        CASE WHEN i.metadata IS NULL THEN '{}'::jsonb WHEN jsonb_array_length(i.metadata) = 1 THEN i.metadata -> 0
             ELSE lantern_jsonb_merge_all('{}'::jsonb, i.metadata) END
        """

    /// Upserts traces from ``TracePatch`` rows: identity (`timestamp`, `environment`, `created_at`) from the first
    /// write; clearable fields set or cleared when sent; input/output when sent; metadata deep-merged; tags unioned.
    static let upsertTraces = """
        WITH i AS MATERIALIZED (
            SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
                id text, timestamp float8, environment text, name text, name_set boolean, user_id text, user_id_set boolean,
                session_id text, session_id_set boolean, release text, release_set boolean, version text, version_set boolean,
                external_id text, input jsonb, output jsonb, metadata jsonb, tags jsonb, is_public boolean)
        )
        INSERT INTO traces AS t (project_id, id, timestamp, name, user_id, session_id, release, version, input, output,
                                 metadata, tags, is_public, environment, external_id, created_at, updated_at)
        SELECT $2::text, i.id, i.timestamp, i.name, i.user_id, i.session_id, i.release, i.version, i.input, i.output,
               \(createdMetadata), lantern_tags_union('[]'::jsonb, i.tags), COALESCE(i.is_public, false),
               i.environment, i.external_id, $3::float8, $3::float8
        FROM i ORDER BY i.id
        ON CONFLICT (project_id, id) DO UPDATE SET
            (name, user_id, session_id, release, version, external_id, input, output, metadata, tags, is_public, updated_at) = (
                SELECT CASE WHEN i.name_set THEN i.name ELSE t.name END,
                       CASE WHEN i.user_id_set THEN i.user_id ELSE t.user_id END,
                       CASE WHEN i.session_id_set THEN i.session_id ELSE t.session_id END,
                       CASE WHEN i.release_set THEN i.release ELSE t.release END,
                       CASE WHEN i.version_set THEN i.version ELSE t.version END,
                       COALESCE(i.external_id, t.external_id), COALESCE(i.input, t.input), COALESCE(i.output, t.output),
                       lantern_jsonb_merge_all(t.metadata, i.metadata),
                       CASE WHEN i.tags IS NULL THEN t.tags ELSE lantern_tags_union(t.tags, i.tags) END,
                       COALESCE(i.is_public, t.is_public), EXCLUDED.updated_at
                FROM i WHERE i.id = EXCLUDED.id)
        """

    /// Upserts observations from ``ObservationPatch`` rows: identity (`trace_id`, `type`, `start_time`, `environment`,
    /// `created_at`) from the first write; the end clamped to the stored start; sent fields replace; metadata deep-merged;
    /// the usage and cost sums (migration 11) replaced together with the details they are computed from.
    /// Returns each written row's id with its stored trace, start and environment, so that the statements after it
    /// need not read the rows again.
    static let upsertObservations = """
        WITH i AS MATERIALIZED (
            SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
                id text, trace_id text, type text, start_time float8, environment text, name text, end_time float8,
                completion_start_time float8, parent_observation_id text, level text, status_message text, version text,
                input jsonb, output jsonb, metadata jsonb, model text, model_parameters jsonb, usage_details jsonb,
                cost_details jsonb, total_cost float8, prompt_name text, prompt_version integer, model_id text,
                input_tokens float8, output_tokens float8, total_tokens float8, input_cost float8, output_cost float8)
        )
        INSERT INTO observations AS o (project_id, id, trace_id, type, name, start_time, end_time, completion_start_time,
                                       parent_observation_id, level, status_message, version, environment, input, output, metadata,
                                       model, model_parameters, usage_details, cost_details, total_cost, prompt_name, prompt_version,
                                       model_id, input_tokens, output_tokens, total_tokens, input_cost, output_cost, created_at,
                                       updated_at)
        SELECT $2::text, i.id, i.trace_id, i.type, i.name, i.start_time,
               CASE WHEN i.end_time IS NULL THEN NULL ELSE GREATEST(i.end_time, i.start_time) END,
               i.completion_start_time, i.parent_observation_id, COALESCE(i.level, 'DEFAULT'), i.status_message, i.version,
               i.environment, i.input, i.output, \(createdMetadata), i.model, i.model_parameters,
               COALESCE(i.usage_details, '{}'::jsonb), COALESCE(i.cost_details, '{}'::jsonb), i.total_cost, i.prompt_name,
               i.prompt_version, i.model_id, i.input_tokens, i.output_tokens, i.total_tokens, i.input_cost, i.output_cost,
               $3::float8, $3::float8
        FROM i ORDER BY i.id
        ON CONFLICT (project_id, id) DO UPDATE SET
            (name, end_time, completion_start_time, parent_observation_id, level, status_message, version, input, output, metadata,
             model, model_parameters, usage_details, cost_details, total_cost, prompt_name, prompt_version, model_id, input_tokens,
             output_tokens, total_tokens, input_cost, output_cost, updated_at) = (
                SELECT COALESCE(i.name, o.name),
                       CASE WHEN i.end_time IS NULL THEN o.end_time ELSE GREATEST(i.end_time, o.start_time) END,
                       COALESCE(i.completion_start_time, o.completion_start_time),
                       COALESCE(i.parent_observation_id, o.parent_observation_id), COALESCE(i.level, o.level),
                       COALESCE(i.status_message, o.status_message), COALESCE(i.version, o.version),
                       COALESCE(i.input, o.input), COALESCE(i.output, o.output), lantern_jsonb_merge_all(o.metadata, i.metadata),
                       COALESCE(i.model, o.model), COALESCE(i.model_parameters, o.model_parameters),
                       COALESCE(i.usage_details, o.usage_details), COALESCE(i.cost_details, o.cost_details),
                       CASE WHEN i.cost_details IS NULL THEN o.total_cost ELSE i.total_cost END,
                       CASE WHEN i.prompt_name IS NULL THEN o.prompt_name ELSE i.prompt_name END,
                       CASE WHEN i.prompt_name IS NULL THEN o.prompt_version ELSE i.prompt_version END,
                       CASE WHEN i.cost_details IS NULL THEN o.model_id ELSE i.model_id END,
                       CASE WHEN i.usage_details IS NULL THEN o.input_tokens ELSE i.input_tokens END,
                       CASE WHEN i.usage_details IS NULL THEN o.output_tokens ELSE i.output_tokens END,
                       CASE WHEN i.usage_details IS NULL THEN o.total_tokens ELSE i.total_tokens END,
                       CASE WHEN i.cost_details IS NULL THEN o.input_cost ELSE i.input_cost END,
                       CASE WHEN i.cost_details IS NULL THEN o.output_cost ELSE i.output_cost END,
                       EXCLUDED.updated_at
                FROM i WHERE i.id = EXCLUDED.id)
        RETURNING id, trace_id, start_time, environment
        """

    /// The `trace_totals` columns after the key, and the aggregates over a trace's observations that fill them.
    private static let traceTotalsColumns = """
        observation_count, error_count, warning_count, first_start, last_end, total_cost, input_cost, output_cost,
        input_tokens, output_tokens, total_tokens
        """
    private static let traceTotalsAggregates = """
        COUNT(*), COUNT(*) FILTER (WHERE level = 'ERROR'), COUNT(*) FILTER (WHERE level = 'WARNING'), MIN(start_time),
        MAX(COALESCE(end_time, start_time)), SUM(total_cost), SUM(input_cost), SUM(output_cost), SUM(input_tokens),
        SUM(output_tokens), SUM(total_tokens)
        """

    /// Recomputes `trace_totals` for the traces the caller's `WHERE … GROUP BY project_id, trace_id` selects.
    static let traceTotalsSelect = """
        INSERT INTO trace_totals (project_id, trace_id, \(traceTotalsColumns))
        SELECT project_id, trace_id, \(traceTotalsAggregates)
        FROM observations
        """

    /// Locks the rows of the traces `$2` (sorted ids) in that order before their totals are refreshed by a later
    /// statement, so that a concurrent writer of the same trace waits and then aggregates (with a fresh snapshot) both
    /// writes. Each id is looked up on its own by primary key: with `id = ANY($2)`, a table whose statistics lag its
    /// growth (a new database under load) got plans that read every trace of the project.
    static let lockTraces = """
        SELECT t.id FROM unnest($2::text[]) AS wanted(id)
        CROSS JOIN LATERAL (SELECT id FROM traces WHERE project_id = $1 AND id = wanted.id FOR UPDATE) AS t
        """

    /// Refreshes the totals of the traces `$2` (sorted, distinct ids) after their observations were written (and
    /// ``lockTraces``). Each trace is aggregated on its own through `observations_by_trace`: with `trace_id = ANY($2)`,
    /// lagging statistics got plans that read every observation of the project for each batch.
    static let refreshTraceTotals = """
        INSERT INTO trace_totals (project_id, trace_id, \(traceTotalsColumns))
        SELECT $1::text, wanted.id, totals.*
        FROM unnest($2::text[]) AS wanted(id)
        CROSS JOIN LATERAL (SELECT \(traceTotalsAggregates) FROM observations WHERE project_id = $1 AND trace_id = wanted.id)
            AS totals(\(traceTotalsColumns))
        WHERE totals.observation_count > 0
        ON CONFLICT (project_id, trace_id) DO UPDATE SET
            (\(traceTotalsColumns)) =
            (EXCLUDED.observation_count, EXCLUDED.error_count, EXCLUDED.warning_count, EXCLUDED.first_start, EXCLUDED.last_end,
             EXCLUDED.total_cost, EXCLUDED.input_cost, EXCLUDED.output_cost, EXCLUDED.input_tokens, EXCLUDED.output_tokens,
             EXCLUDED.total_tokens)
        """

    /// Creates each missing trace `$2` with only its id, timestamp `$3` (the start of its first observation in the
    /// batch, as text) and environment `$4`.
    static let insertShallowTraces = """
        INSERT INTO traces (project_id, id, timestamp, metadata, tags, is_public, environment, created_at, updated_at)
        SELECT $1, t.id, t.start::float8, '{}'::jsonb, '[]'::jsonb, false, t.environment, $5::float8, $5::float8
        FROM unnest($2::text[], $3::text[], $4::text[]) AS t(id, start, environment)
        ORDER BY t.id
        ON CONFLICT (project_id, id) DO NOTHING
        """

    /// Creates each missing session (`$2`) with the environment and timestamp of the trace that named it first (`$3`),
    /// each trace looked up by primary key (a join let lagging statistics pick a scan of every trace; `LIMIT 1`, harmless
    /// on a key, keeps the planner from turning the lookup back into a join).
    static let insertSessions = """
        INSERT INTO sessions (project_id, id, environment, created_at)
        SELECT $1::text, named.session_id, t.environment, t.timestamp
        FROM unnest($2::text[], $3::text[]) AS named(session_id, trace_id)
        CROSS JOIN LATERAL (SELECT environment, timestamp FROM traces WHERE project_id = $1 AND id = named.trace_id LIMIT 1) AS t
        ORDER BY named.session_id
        ON CONFLICT (project_id, id) DO NOTHING
        """

    /// Upserts scores from ``ScoreRow`` rows (``Score/replaced(by:now:)``): a stored score keeps its timestamp,
    /// environment, creation time and trace, and takes everything else from the new write.
    static let upsertScores = """
        INSERT INTO scores AS s (project_id, id, name, data_type, value, string_value, source, trace_id, observation_id, session_id,
                                 dataset_run_id, comment, metadata, config_id, queue_id, author_user_id, environment, timestamp,
                                 created_at, updated_at)
        SELECT $2::text, i.id, i.name, i.data_type, i.value, i.string_value, i.source, i.trace_id, i.observation_id, i.session_id,
               i.dataset_run_id, i.comment, i.metadata, i.config_id, i.queue_id, i.author_user_id, i.environment, i.timestamp,
               i.created_at, i.updated_at
        FROM jsonb_to_recordset($1::jsonb) AS i(
            id text, name text, data_type text, value float8, string_value text, source text, trace_id text, observation_id text,
            session_id text, dataset_run_id text, comment text, metadata jsonb, config_id text, queue_id text, author_user_id text,
            environment text, timestamp float8, created_at float8, updated_at float8)
        ORDER BY i.id
        ON CONFLICT (project_id, id) DO UPDATE SET
            name = EXCLUDED.name, data_type = EXCLUDED.data_type, value = EXCLUDED.value, string_value = EXCLUDED.string_value,
            source = EXCLUDED.source, trace_id = COALESCE(s.trace_id, EXCLUDED.trace_id), observation_id = EXCLUDED.observation_id,
            session_id = EXCLUDED.session_id, dataset_run_id = EXCLUDED.dataset_run_id, comment = EXCLUDED.comment,
            metadata = EXCLUDED.metadata, config_id = EXCLUDED.config_id, queue_id = EXCLUDED.queue_id,
            author_user_id = EXCLUDED.author_user_id, updated_at = $3::float8
        """
}
