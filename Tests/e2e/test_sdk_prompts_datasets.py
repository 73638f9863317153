"""Prompts, datasets, experiments and media through the official Langfuse Python SDK (5.0.4).

Prompt and dataset calls are synchronous REST calls; experiments and media go through the SDK's
background exporters, so reads after ``flush()`` poll for up to 5 s. Every test uses its own names.
"""

from __future__ import annotations

import struct
import urllib.parse
import urllib.request
import zlib

import pytest

pytest.importorskip("langfuse", reason="install Tests/e2e/requirements.txt")

from langfuse import Evaluation, Langfuse  # noqa: E402
from langfuse.media import LangfuseMedia  # noqa: E402

from conftest import (check_fields, check_keys, check_meta, check_not_found, # noqa: E402
                      get_when, parse_ts, uid, wait_for)

TRACES = "/api/public/traces"
PROMPTS = "/api/public/v2/prompts"


def q(name: str) -> str:
    """Percent-encode one path segment (slashes included), as the SDK does."""
    return urllib.parse.quote(name, safe="")


# ---------------------------------------------------------------------------------------------
# prompts
# ---------------------------------------------------------------------------------------------

def test_text_prompt_versions_labels_and_compile(lf, api):
    name = f"greet-{uid()}"
    v1 = lf.create_prompt(name=name, prompt="Hello {{name}}!", labels=["staging"], tags=["e2e"],
                          config={"temperature": 0.1}, commit_message="first")
    assert (v1.name, v1.version) == (name, 1), f"create_prompt v1 name/version: got {(v1.name, v1.version)!r}"
    assert "staging" in v1.labels, f"create_prompt v1.labels: expected 'staging', got {v1.labels!r}"
    assert v1.tags == ["e2e"], f"create_prompt v1.tags: got {v1.tags!r}"
    assert v1.config == {"temperature": 0.1}, f"create_prompt v1.config: got {v1.config!r}"
    assert v1.prompt == "Hello {{name}}!", f"create_prompt v1.prompt: got {v1.prompt!r}"

    v2 = lf.create_prompt(name=name, prompt="Hi {{name}}, welcome to {{ place }}.", labels=[])
    assert v2.version == 2, f"create_prompt v2.version: expected 2, got {v2.version!r}"
    assert v2.tags == ["e2e"], f"create_prompt v2.tags (inherited from v1): got {v2.tags!r}"

    # No version carries `production` yet: the default fetch is a 404.
    status, body = api.get(f"{PROMPTS}/{q(name)}")
    check_not_found(status, body, "GET prompt without a production label")

    updated = lf.update_prompt(name=name, version=2, new_labels=["production"])
    assert "production" in updated.labels, f"update_prompt labels: expected 'production', got {updated.labels!r}"

    default = lf.get_prompt(name, cache_ttl_seconds=0)
    assert (default.version, default.is_fallback) == (2, False), \
        f"get_prompt default (production) version/is_fallback: got {(default.version, default.is_fallback)!r}"
    assert set(default.labels) >= {"production", "latest"}, f"get_prompt default labels: got {default.labels!r}"
    assert default.compile(name="Ada", place="Paris") == "Hi Ada, welcome to Paris.", \
        f"compile(v2): got {default.compile(name='Ada', place='Paris')!r}"

    first = lf.get_prompt(name, version=1, cache_ttl_seconds=0)
    assert first.version == 1 and first.prompt == "Hello {{name}}!", \
        f"get_prompt version=1: got version {first.version!r} prompt {first.prompt!r}"
    assert "staging" in first.labels and "production" not in first.labels, \
        f"get_prompt version=1 labels: got {first.labels!r}"
    assert first.compile(name="Bob") == "Hello Bob!", f"compile(v1): got {first.compile(name='Bob')!r}"

    staged = lf.get_prompt(name, label="staging", cache_ttl_seconds=0)
    assert staged.version == 1, f"get_prompt label=staging version: expected 1, got {staged.version!r}"
    latest = lf.get_prompt(name, label="latest", cache_ttl_seconds=0)
    assert latest.version == 2, f"get_prompt label=latest version: expected 2, got {latest.version!r}"

    # moving `production` back to v1 removes it from v2
    lf.update_prompt(name=name, version=1, new_labels=["production"])
    moved = lf.get_prompt(name, cache_ttl_seconds=0)
    assert moved.version == 1, f"get_prompt after moving production to v1: version {moved.version!r}"
    raw_v2 = api.get_ok(f"{PROMPTS}/{q(name)}", {"version": 2}, "GET prompt v2")
    assert "production" not in raw_v2["labels"], f"prompt v2.labels after move: got {raw_v2['labels']!r}"
    check_fields(raw_v2, {"name": name, "version": 2, "type": "text"}, "prompt v2")

    # server-side validation that the SDK surfaces: version and label together
    status, body = api.get(f"{PROMPTS}/{q(name)}", {"version": 1, "label": "staging"})
    assert status == 400, f"GET prompt with version and label: HTTP status expected 400, got {status} body={body!r}"


def test_chat_prompt_with_placeholder_in_folder(lf, api):
    name = f"folder-{uid()}/chatty"
    messages = [
        {"role": "system", "content": "You are {{persona}}."},
        {"type": "placeholder", "name": "history"},
        {"role": "user", "content": "{{question}}"},
    ]
    created = lf.create_prompt(name=name, type="chat", prompt=messages, labels=["staging"])
    assert (created.name, created.version) == (name, 1), \
        f"create_prompt chat name/version: got {(created.name, created.version)!r}"

    chat = lf.get_prompt(name, label="staging", type="chat", cache_ttl_seconds=0)
    assert chat.name == name and chat.version == 1, f"get_prompt folder name/version: {(chat.name, chat.version)!r}"
    assert [m.get("type") for m in chat.prompt] == ["message", "placeholder", "message"], \
        f"chat prompt message types: got {chat.prompt!r}"
    compiled = chat.compile(persona="a pirate", question="Where is the treasure?",
                            history=[{"role": "user", "content": "Ahoy"},
                                     {"role": "assistant", "content": "Arr, {{persona}} here"}])
    assert compiled == [
        {"role": "system", "content": "You are a pirate."},
        {"role": "user", "content": "Ahoy"},
        {"role": "assistant", "content": "Arr, a pirate here"},
        {"role": "user", "content": "Where is the treasure?"},
    ], f"chat compile(): got {compiled!r}"

    unresolved = chat.compile(persona="x", question="y")
    assert {"type": "placeholder", "name": "history"} in unresolved, \
        f"chat compile() without the placeholder value keeps it: got {unresolved!r}"

    raw = api.get_ok(f"{PROMPTS}/{q(name)}", {"label": "staging"}, "GET folder prompt (percent-encoded)")
    check_fields(raw, {"name": name, "version": 1, "type": "chat"}, "folder prompt")
    assert isinstance(raw.get("prompt"), list) and len(raw["prompt"]) == 3, f"folder prompt.prompt: got {raw.get('prompt')!r}"
    assert raw["prompt"][1].get("type") == "placeholder" and raw["prompt"][1].get("name") == "history", \
        f"folder prompt.prompt[1]: expected the placeholder, got {raw['prompt'][1]!r}"


def test_missing_prompt_uses_fallback(lf, api):
    name = f"missing-{uid()}"
    fallback = lf.get_prompt(name, fallback="Fallback for {{who}}", max_retries=0, cache_ttl_seconds=0)
    assert fallback.is_fallback is True, f"get_prompt(missing, fallback=...).is_fallback: got {fallback.is_fallback!r}"
    assert fallback.compile(who="you") == "Fallback for you", f"fallback compile: got {fallback.compile(who='you')!r}"

    from langfuse.api import NotFoundError
    with pytest.raises(NotFoundError):
        lf.get_prompt(name, max_retries=0, cache_ttl_seconds=0)
    status, body = api.get(f"{PROMPTS}/{q(name)}")
    check_not_found(status, body, "GET missing prompt")


# ---------------------------------------------------------------------------------------------
# datasets
# ---------------------------------------------------------------------------------------------

def make_dataset(lf: Langfuse, n_items: int = 2) -> tuple[str, list]:
    name = f"ds-{uid()}"
    ds = lf.create_dataset(name=name, description="e2e dataset", metadata={"owner": "e2e"})
    assert ds.name == name, f"create_dataset.name: got {ds.name!r}"
    items = []
    for i in range(n_items):
        items.append(lf.create_dataset_item(dataset_name=name, input={"q": f"question {i}"},
                                            expected_output=f"ANSWER {i}", metadata={"index": i}))
    return name, items


def test_dataset_items_round_trip(lf, api):
    name, created = make_dataset(lf)
    for i, item in enumerate(created):
        assert item.dataset_name == name, f"create_dataset_item[{i}].dataset_name: got {item.dataset_name!r}"
        assert item.input == {"q": f"question {i}"}, f"create_dataset_item[{i}].input: got {item.input!r}"

    dataset = lf.get_dataset(name)
    assert dataset.name == name and dataset.description == "e2e dataset", \
        f"get_dataset name/description: got {(dataset.name, dataset.description)!r}"
    assert dataset.metadata == {"owner": "e2e"}, f"get_dataset.metadata: got {dataset.metadata!r}"
    by_id = {item.id: item for item in dataset.items}
    assert set(by_id) == {item.id for item in created}, \
        f"get_dataset.items ids: expected {sorted(i.id for i in created)}, got {sorted(by_id)}"
    for i, item in enumerate(created):
        got = by_id[item.id]
        assert (got.input, got.expected_output, got.metadata) == ({"q": f"question {i}"}, f"ANSWER {i}", {"index": i}), \
            f"dataset item[{i}] input/expected_output/metadata: got {(got.input, got.expected_output, got.metadata)!r}"
        assert got.dataset_id == dataset.id, f"dataset item[{i}].dataset_id: expected {dataset.id}, got {got.dataset_id!r}"
        assert got.status == "ACTIVE" or getattr(got.status, "value", None) == "ACTIVE", \
            f"dataset item[{i}].status: got {got.status!r}"

    listed = api.get_ok("/api/public/dataset-items", {"datasetName": name}, "dataset-items?datasetName")
    check_meta(listed, "dataset-items?datasetName", page=1, totalItems=2, totalPages=1)
    for item in listed["data"]:
        check_keys(item, ["id", "status", "input", "expectedOutput", "metadata", "datasetId", "datasetName",
                          "createdAt", "updatedAt", "mediaReferences"], "dataset item")

    status, body = api.get(f"/api/public/v2/datasets/{q('no-such-' + uid())}")
    check_not_found(status, body, "GET unknown dataset")


def exact_match(*, input, output, expected_output=None, metadata=None, **kwargs):
    return Evaluation(name="exact_match", value=1.0 if output == expected_output else 0.0,
                      comment=f"expected {expected_output!r}")


def output_length(*, input, output, **kwargs):
    return Evaluation(name="output_length", value=float(len(output)))


def mean_exact(*, item_results, **kwargs):
    values = [e.value for r in item_results for e in r.evaluations if e.name == "exact_match"]
    return Evaluation(name="mean_exact_match", value=sum(values) / len(values) if values else 0.0)


def upper_task(*, item, **kwargs):
    data = item["input"] if isinstance(item, dict) else item.input
    return data["q"].upper()


def test_dataset_run_experiment_creates_run_items_and_scores(lf_handle, lf, api):
    name, items = make_dataset(lf)
    dataset = lf.get_dataset(name)
    lf_handle.recorder.clear()
    exp_name = f"exp-{uid()[:8]}"

    result = dataset.run_experiment(name=exp_name, description="e2e experiment", task=upper_task,
                                    evaluators=[exact_match, output_length], run_evaluators=[mean_exact])
    lf.flush()
    assert len(result.item_results) == 2, f"run_experiment.item_results: expected 2, got {len(result.item_results)}"
    run_name = result.run_name
    assert run_name.startswith(exp_name), f"run_experiment.run_name: expected to start with {exp_name!r}, got {run_name!r}"
    expected_output = {item.id: f"QUESTION {i}" for i, item in enumerate(items)}

    def run_listed(body):
        names = [r.get("name") for r in body.get("data") or []]
        assert run_name in names, f"datasets/{name}/runs: run {run_name!r} not listed (got {names})"

    runs = get_when(api, f"/api/public/datasets/{q(name)}/runs", "GET dataset runs", check=run_listed)
    run = next(r for r in runs["data"] if r["name"] == run_name)
    check_keys(run, ["id", "name", "description", "metadata", "datasetId", "datasetName", "createdAt",
                     "updatedAt"], "dataset run")
    check_fields(run, {"datasetId": dataset.id, "datasetName": name, "id": result.experiment_id}, "dataset run")

    def two_items(body):
        got = len(body.get("datasetRunItems") or [])
        assert got == 2, f"dataset run.datasetRunItems: expected 2, got {got}"

    detail = get_when(api, f"/api/public/datasets/{q(name)}/runs/{q(run_name)}", "GET dataset run", check=two_items)
    check_fields(detail, {"id": run["id"], "name": run_name, "datasetId": dataset.id}, "dataset run detail")
    run_items = {ri["datasetItemId"]: ri for ri in detail["datasetRunItems"]}
    assert set(run_items) == set(expected_output), \
        f"datasetRunItems.datasetItemId: expected {sorted(expected_output)}, got {sorted(run_items)}"

    traces_by_item = {r.item.id: r.trace_id for r in result.item_results}
    for item_id, run_item in run_items.items():
        what = f"datasetRunItems[{item_id}]"
        check_keys(run_item, ["id", "datasetRunId", "datasetRunName", "datasetItemId", "traceId", "observationId",
                              "createdAt", "updatedAt"], what)
        check_fields(run_item, {"datasetRunId": run["id"], "datasetRunName": run_name,
                                "traceId": traces_by_item[item_id]}, what)

        def trace_scored(body):
            names = sorted(s.get("name") for s in body.get("scores") or [])
            assert names == ["exact_match", "output_length"], f"{what} trace.scores names: got {names}"

        trace = get_when(api, f"{TRACES}/{run_item['traceId']}", f"{what} trace", check=trace_scored)
        check_fields(trace, {"output": expected_output[item_id], "environment": "sdk-experiment"}, f"{what} trace")
        scores = {s["name"]: s for s in trace["scores"]}
        check_fields(scores["exact_match"], {"value": 0.0, "dataType": "NUMERIC"}, f"{what} exact_match score")
        check_fields(scores["output_length"], {"value": float(len(expected_output[item_id])), "dataType": "NUMERIC"},
                     f"{what} output_length score")
        obs_ids = {o["id"] for o in trace["observations"]}
        assert scores["exact_match"].get("observationId") in obs_ids, \
            f"{what} exact_match score.observationId: {scores['exact_match'].get('observationId')!r} not in the trace"
        types = sorted(o["type"] for o in trace["observations"])
        assert types.count("EVALUATOR") == 2, f"{what} trace observation types: expected 2 EVALUATOR, got {types}"
        if run_item.get("observationId") is not None:
            assert run_item["observationId"] in obs_ids, \
                f"{what}.observationId: {run_item['observationId']!r} is not an observation of its trace"

    # the run-level score is sent with datasetRunId = experiment id = the run's id, and accepted
    sent = [s for x in lf_handle.recorder.matching("POST", "/api/public/scores")
            for s in (x.request_body if isinstance(x.request_body, list) else [x.request_body])]
    run_scores = [s for s in sent if s.get("name") == "mean_exact_match"]
    assert len(run_scores) == 1, f"run-level score: expected one 'mean_exact_match' sent, got {run_scores!r}"
    check_fields(run_scores[0], {"datasetRunId": run["id"]}, "run-level score")
    assert "traceId" not in run_scores[0] or run_scores[0]["traceId"] is None, \
        f"run-level score.traceId: expected none, got {run_scores[0].get('traceId')!r}"
    for x in lf_handle.recorder.matching("POST", "/api/public/scores"):
        assert x.status == 202, f"POST /api/public/scores: HTTP status expected 202, got {x.status} body={x.response_body!r}"

    def run_score_stored(body):
        names = [s.get("name") for s in (body.get("summary") or {}).get("runScores") or []]
        assert names == ["mean_exact_match"], f"run results summary.runScores: expected the run-level score, got {names}"

    results = get_when(api, f"/api/public/datasets/{q(name)}/runs/{q(run_name)}/results", "GET run results", check=run_score_stored)
    check_fields(results["summary"]["runScores"][0], {"datasetRunId": run["id"], "value": 0.0}, "run-level score read back")


def test_run_experiment_on_local_data(lf, api):
    tag = uid()[:8]
    data = [{"input": {"q": f"local {tag} a"}, "expected_output": f"LOCAL {tag} A"},
            {"input": {"q": f"local {tag} b"}, "expected_output": "something else", "metadata": {"k": "v"}}]
    result = lf.run_experiment(name=f"local-{tag}", data=data, task=upper_task, evaluators=[exact_match])
    lf.flush()
    assert len(result.item_results) == 2, f"run_experiment(data).item_results: got {len(result.item_results)}"
    for r in result.item_results:
        want_output = r.item["input"]["q"].upper()
        want_score = 1.0 if want_output == r.item["expected_output"] else 0.0

        def scored(body):
            assert [s.get("name") for s in body.get("scores") or []] == ["exact_match"], \
                f"local experiment trace.scores: got {body.get('scores')!r}"

        trace = get_when(api, f"{TRACES}/{r.trace_id}", f"local experiment trace {r.trace_id}", check=scored)
        check_fields(trace, {"input": r.item["input"], "output": want_output, "environment": "sdk-experiment"},
                     "local experiment trace")
        check_fields(trace["scores"][0], {"value": want_score}, "local experiment exact_match score")
        names = sorted(o["name"] for o in trace["observations"])
        assert "experiment-item-task" in names and "exact_match" in names, \
            f"local experiment trace observation names: got {names}"


# ---------------------------------------------------------------------------------------------
# media
# ---------------------------------------------------------------------------------------------

def tiny_png(marker: str) -> bytes:
    """A valid 1x1 RGBA PNG with a tEXt chunk so every test's bytes (and media id) differ."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"tEXt", b"Comment\x00" + marker.encode())
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def test_media_in_observation_input(lf_handle, lf, api):
    u = uid()
    png = tiny_png(u)
    media = LangfuseMedia(content_bytes=png, content_type="image/png")
    media_id = media._media_id
    reference = media._reference_string
    assert media_id and reference, "LangfuseMedia: the SDK computed no media id/reference"
    lf_handle.recorder.clear()

    with lf.start_as_current_observation(as_type="span", name=f"media-{u}",
                                         input={"caption": "one pixel", "image": media}) as span:
        trace_id, span_id = span.trace_id, span.id
    lf.flush()

    def uploaded(body):
        assert body.get("uploadedAt"), f"media.uploadedAt: expected a timestamp, got {body.get('uploadedAt')!r}"

    got = get_when(api, f"/api/public/media/{media_id}", "GET media", check=uploaded)
    check_keys(got, ["mediaId", "contentType", "contentLength", "uploadedAt", "url", "urlExpiry"], "media")
    check_fields(got, {"mediaId": media_id, "contentType": "image/png", "contentLength": len(png)}, "media")
    parse_ts(got["uploadedAt"], "media.uploadedAt")
    with urllib.request.urlopen(got["url"], timeout=10) as resp:
        downloaded = resp.read()
    assert downloaded == png, f"media.url download: expected the {len(png)} uploaded bytes, got {len(downloaded)} bytes"

    creates = lf_handle.recorder.matching("POST", "/api/public/media")
    assert creates and all(200 <= x.status < 300 for x in creates), \
        f"POST /api/public/media: expected 2xx, got {[(x.status, x.response_body) for x in creates]}"
    check_fields(creates[0].request_body, {"traceId": trace_id, "observationId": span_id, "field": "input",
                                           "contentType": "image/png", "contentLength": len(png)},
                 "POST /api/public/media request")
    patches = lf_handle.recorder.matching("PATCH", f"/api/public/media/{media_id}")
    assert patches and all(200 <= x.status < 300 for x in patches), \
        f"PATCH /api/public/media/{media_id}: expected 2xx, got {[(x.status, x.response_body) for x in patches]}"

    trace = get_when(api, f"{TRACES}/{trace_id}", "media trace")
    check_fields(trace, {"input": {"caption": "one pixel", "image": reference}}, "media trace")
    assert reference.startswith("@@@langfuseMedia:type=image/png|id=" + media_id), \
        f"media reference string: got {reference!r}"
    obs = trace["observations"][0]
    check_fields(obs, {"input": {"caption": "one pixel", "image": reference}}, "media observation")

    # the same bytes again: the server already has them, so the SDK gets uploadUrl null and skips the PUT
    lf_handle.recorder.clear()
    with lf.start_as_current_observation(as_type="span", name=f"media-again-{u}",
                                         input={"image": LangfuseMedia(content_bytes=png, content_type="image/png")}):
        pass
    lf.flush()
    again = wait_for(lambda: lf_handle.recorder.matching("POST", "/api/public/media"), "second POST /api/public/media")
    check_fields(again[0].response_body, {"mediaId": media_id, "uploadUrl": None}, "second POST /api/public/media response")
