"""PostgreSQL: the observation usage and cost sums are plain columns the batch writer fills (migration 11).

They were stored generated columns computed by a SQL function for every inserted row. These tests read the columns
with psql and check them against sums computed here from the usage and cost details the API returns; they check
that an update without details keeps them, that one with details replaces them, that the metadata of a created row
is its one patch or the merge of several, and that migrating a database whose columns are still generated keeps the
stored values.
"""

from __future__ import annotations

import pytest

from conftest import Api, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY, event, iso, launch_server, now_ms, stop_server, uid
from postgres_support import POSTGRES_CONFIG, fresh_database, postgres_url, psql

SUM_COLUMNS = ["input_tokens", "output_tokens", "total_tokens", "input_cost", "output_cost"]
SUM_SELECT = ", ".join(f"COALESCE({c}::text, '-')" for c in SUM_COLUMNS)  # '-' stands for NULL
MODEL = "lantern-unpriced-test-model"  # matches no price, so the costs stored are the ones sent


@pytest.fixture()
def database():
    return fresh_database(postgres_url())


@pytest.fixture()
def server(database, tmp_path):
    started = launch_server(POSTGRES_CONFIG, tmp_path, {"LANTERN_DATABASE_URL": database})
    yield started
    stop_server(started)


def expected_sums(observation: dict) -> list[float | None]:
    """The five sums as Langfuse's metrics see them, from the details the API returns."""
    usage, cost = observation["usageDetails"], observation["costDetails"]

    def total(details: dict, part: str) -> float | None:
        matching = [value for key, value in details.items() if part in key]
        return sum(matching) if matching else None

    return [total(usage, "input"), total(usage, "output"), usage.get("total"), total(cost, "input"), total(cost, "output")]


def stored_sums(database: str, observation_id: str) -> list[float | None]:
    row = psql(database, f"SELECT {SUM_SELECT} FROM observations WHERE id = '{observation_id}'")
    assert row, f"observation {observation_id} is not in the table"
    return [None if value == "-" else float(value) for value in row.split("|")]


def check_sums(api: Api, database: str, observation_id: str, what: str) -> list[float | None]:
    observation = api.get_ok(f"/api/public/observations/{observation_id}", what=what)
    expected, stored = expected_sums(observation), stored_sums(database, observation_id)
    assert stored == pytest.approx(expected), f"{what}: columns {SUM_COLUMNS} = {stored}, expected {expected}"
    return stored


def generation(trace_id: str, observation_id: str, start, **fields) -> dict:
    return event("generation-create", {"id": observation_id, "traceId": trace_id, "name": "llm", "startTime": iso(start),
                                       "model": MODEL, **fields})


def test_sums_are_plain_columns_written_with_their_details(server, database):
    api = Api(server.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
    generated = psql(database, "SELECT string_agg(attname || '=' || attgenerated::text, ' ' ORDER BY attname) FROM pg_attribute "
                               f"WHERE attrelid = 'observations'::regclass AND attname IN ({', '.join(repr(c) for c in SUM_COLUMNS)})")
    assert generated == " ".join(f"{c}=" for c in sorted(SUM_COLUMNS)), f"columns still generated: {generated!r}"
    assert psql(database, "SELECT count(*) FROM pg_proc WHERE proname = 'lantern_sum_keys'") == "0", "lantern_sum_keys is left"

    trace_id, start = uid(), now_ms()
    gen, other, replaced = f"{trace_id}-gen", f"{trace_id}-other", f"{trace_id}-replaced"
    usage = {"input": 100, "input_cached_tokens": 20, "output": 50, "output_reasoning_tokens": 5, "total": 175}
    cost = {"input": 0.001, "input_cached_tokens": 0.0002, "output": 0.003, "total": 0.0042}
    api.ingest([event("trace-create", {"id": trace_id, "timestamp": iso(start), "name": "sums"}),
                generation(trace_id, gen, start, usageDetails=usage, costDetails=cost, metadata={"a": {"x": 1}}),
                event("generation-update", {"id": gen, "traceId": trace_id, "metadata": {"a": {"y": 2}, "b": [1]}}),
                generation(trace_id, other, start, usageDetails={"output": 7}, metadata={"only": {"one": True}}),
                # a value then an object under the same key: two patches, merged by PL/pgSQL in order
                generation(trace_id, replaced, start, metadata={"a": 1, "keep": True}),
                event("generation-update", {"id": replaced, "traceId": trace_id, "metadata": {"a": {"y": 2}}})],
               what="generations with usage and cost")
    assert check_sums(api, database, gen, "created with details") == pytest.approx([120, 55, 175, 0.0012, 0.003])
    assert check_sums(api, database, other, "usage without cost")[1] == 7, "output tokens of the second generation"
    observations = {o["id"]: o for o in api.get_ok(f"/api/public/traces/{trace_id}")["observations"]}
    assert observations[gen]["metadata"] == {"a": {"x": 1, "y": 2}, "b": [1]}, "metadata of two events composed into one patch"
    assert observations[other]["metadata"] == {"only": {"one": True}}, "one metadata patch stored as sent"
    assert observations[replaced]["metadata"] == {"a": {"y": 2}, "keep": True}, "two patches merged in order"

    api.ingest([event("generation-update", {"id": gen, "traceId": trace_id, "name": "renamed"})], what="update without details")
    assert check_sums(api, database, gen, "update without details") == pytest.approx([120, 55, 175, 0.0012, 0.003])

    api.ingest([event("generation-update", {"id": gen, "traceId": trace_id, "usageDetails": {"input": 9, "output": 4}})],
               what="update with new usage")
    sums = check_sums(api, database, gen, "update with new usage")
    assert sums[:2] == [9, 4] and sums[3:] == pytest.approx([0.0012, 0.003]), f"usage replaced, costs kept: {sums}"

    api.ingest([event("generation-update", {"id": gen, "traceId": trace_id, "costDetails": {"input": 0.5, "output": 0.25}})],
               what="update with new cost")
    assert check_sums(api, database, gen, "update with new cost")[3:] == [0.5, 0.25], "costs replaced"

    api.ingest([event("generation-update", {"id": gen, "traceId": trace_id, "usageDetails": {"output": 4}})],
               what="update with usage lacking the input key")
    assert check_sums(api, database, gen, "usage without input")[:2] == [None, 4], "no input usage left from before"
    trace = api.get_ok(f"/api/public/traces/{trace_id}")
    assert trace["totalCost"] == pytest.approx(0.75), f"trace total cost from the new costs: {trace['totalCost']}"


def test_migration_keeps_the_sums_of_a_database_with_generated_columns(database, tmp_path):
    first = launch_server(POSTGRES_CONFIG, tmp_path, {"LANTERN_DATABASE_URL": database})
    trace_id, start = uid(), now_ms()
    gen = f"{trace_id}-gen"
    try:
        Api(first.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY).ingest(
            [generation(trace_id, gen, start, usageDetails={"input": 30, "output": 12, "total": 42},
                        costDetails={"input": 0.03, "output": 0.06})], what="a generation before the downgrade")
    finally:
        stop_server(first)

    # The schema as migrations 7–10 left it: the five sums generated by lantern_sum_keys, migration 11 not applied.
    psql(database, """
        CREATE FUNCTION lantern_sum_keys(details jsonb, part text) RETURNS double precision LANGUAGE sql IMMUTABLE AS $$
            SELECT sum(value::double precision) FROM jsonb_each_text(details) WHERE strpos(key, part) > 0 $$;
        ALTER TABLE observations DROP COLUMN input_tokens, DROP COLUMN output_tokens, DROP COLUMN total_tokens,
            DROP COLUMN input_cost, DROP COLUMN output_cost,
            ADD COLUMN input_tokens DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(usage_details, 'input')) STORED,
            ADD COLUMN output_tokens DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(usage_details, 'output')) STORED,
            ADD COLUMN total_tokens DOUBLE PRECISION GENERATED ALWAYS AS ((usage_details ->> 'total')::double precision) STORED,
            ADD COLUMN input_cost DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(cost_details, 'input')) STORED,
            ADD COLUMN output_cost DOUBLE PRECISION GENERATED ALWAYS AS (lantern_sum_keys(cost_details, 'output')) STORED;
        DELETE FROM schema_migrations WHERE version = 11;
        """)
    assert stored_sums(database, gen) == pytest.approx([30, 12, 42, 0.03, 0.06]), "the generated columns before migrating"

    second = launch_server(POSTGRES_CONFIG, tmp_path, {"LANTERN_DATABASE_URL": database})
    try:
        api = Api(second.base_url, DEFAULT_PUBLIC_KEY, DEFAULT_SECRET_KEY)
        assert psql(database, "SELECT count(*) FROM schema_migrations WHERE version = 11") == "1", "migration 11 applied"
        assert check_sums(api, database, gen, "after migrating") == pytest.approx([30, 12, 42, 0.03, 0.06])
        api.ingest([event("generation-update", {"id": gen, "traceId": trace_id, "usageDetails": {"input": 5, "output": 1}})],
                   what="an update after migrating")
        assert check_sums(api, database, gen, "updated after migrating")[:3] == [5, 1, 6], "total added up from the new usage"
    finally:
        stop_server(second)
