"""The web UI in a real browser (Debian's Chromium through selenium) against the real server.

A member signs in; traces sent with the official Langfuse SDK (nested spans, a generation with chat messages and a
tool call, an error, a session of three traces, a score, an image attachment) are found by filter and by search,
opened, explored in the tree, the timeline and the flame view, commented on, and replayed as a session; a trace named like a script renders as text; signing out sends every page back
to the sign-in page. Screenshots of each page go to ``Tests/e2e/artifacts/ui`` (or ``LANTERN_UI_SCREENSHOTS``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from langfuse import propagate_attributes
from langfuse.media import LangfuseMedia

from conftest import REPO_ROOT, get_when, uid

SCREENSHOTS = Path(os.environ.get("LANTERN_UI_SCREENSHOTS") or REPO_ROOT / "Tests" / "e2e" / "artifacts" / "ui")
PASSWORD = "ui-test-pass-1"


def _chromium_paths() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
    if not browser or not Path(driver).exists():
        pytest.fail("Chromium and chromedriver are needed (scripts/install-deps installs Debian's chromium and chromium-driver)")
    return browser, driver


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    binary, driver_path = _chromium_paths()
    options = Options()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(5)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def follow(driver, element) -> None:
    """Clicks a link or submit button and waits until the browser has loaded the page it leads to."""
    from selenium.webdriver.support.ui import WebDriverWait

    before = driver.current_url
    element.click()
    WebDriverWait(driver, 15).until(
        lambda d: d.current_url != before and d.execute_script("return document.readyState") == "complete",
        f"no new page after clicking on {before}")


def shot(driver, name: str) -> None:
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture(scope="module")
def member(lantern_server, api):
    """A MEMBER of the dev project's organization, created with `lantern users create` (password on stdin)."""
    organization = api.get_ok("/api/public/projects", what="GET projects")["data"][0]["organization"]["id"]
    email = f"ui-{uid()[:10]}@example.com"
    result = subprocess.run([str(lantern_server.binary), "users", "create", "--email", email, "--org", organization,
                             "--role", "MEMBER", "--config", str(lantern_server.config)],
                            input=PASSWORD + "\n", cwd=REPO_ROOT, env=lantern_server.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"users create: {result.stdout} {result.stderr}"
    return email


def gradient_png(size: int = 48) -> bytes:
    """A small RGB PNG (a colour gradient), so the attachment is visible in the screenshots."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"".join(bytes((x * 5, y * 5, 180)) for x in range(size)) for y in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def traces(lf_handle, api):
    """Three traces of one session sent with the official SDK; the first has the nested observations."""
    lf = lf_handle.client
    u = uid()
    session, user = f"ui-session-{u}", f"ui-user-{u}"
    names = [f"ui-chat-{u}", f"ui-follow-up-{u}", f"ui-last-{u}"]
    messages = [{"role": "system", "content": "Answer in one sentence."}, {"role": "user", "content": "What is a lantern?"}]
    reply = {"role": "assistant", "content": "A portable light.",
             "tool_calls": [{"id": "call-1", "type": "function", "function": {"name": "lookup_definition", "arguments": "{\"word\": \"lantern\"}"}}]}
    ids = []
    with propagate_attributes(session_id=session, user_id=user, tags=["ui-test"]):
        for index, name in enumerate(names):
            with propagate_attributes(trace_name=name):
                with lf.start_as_current_observation(as_type="span", name=f"agent-{index}", input={"turn": index, "question": "What is a lantern?"}) as root:
                    ids.append(root.trace_id)
                    if index == 0:
                        with lf.start_as_current_observation(as_type="generation", name="answer", model="gpt-4o-mini", input=messages) as gen:
                            gen.update(output=reply, usage_details={"input": 120, "output": 30})
                            with lf.start_as_current_observation(as_type="tool", name="lookup_definition", input={"word": "lantern"}) as tool:
                                tool.update(output={"definition": "a light in a case"})
                        image = LangfuseMedia(content_bytes=gradient_png(), content_type="image/png")
                        with lf.start_as_current_observation(as_type="span", name="screenshot", input={"caption": "the page", "image": image}):
                            pass
                        with lf.start_as_current_observation(as_type="span", name="failing-step") as failing:
                            failing.update(level="ERROR", status_message="the step failed on purpose")
                        root.score_trace(name="helpfulness", value=0.9)
                    root.update(output={"answer": f"turn {index} done"})
    with propagate_attributes(trace_name="<script>alert('x')</script>"):
        with lf.start_as_current_observation(as_type="span", name="escaped") as span:
            escaped = span.trace_id
    lf.flush()
    for trace_id in ids + [escaped]:
        get_when(api, f"/api/public/traces/{trace_id}", f"trace {trace_id}")
    get_when(api, f"/api/public/traces/{ids[0]}", "scored trace", check=lambda body: len(body.get("scores") or []) == 1 or pytest.fail("no score yet"))
    return {"ids": ids, "names": names, "session": session, "user": user, "escaped": escaped}


def test_sign_in_explore_and_sign_out(lantern_server, api, browser, member, traces):
    from selenium.webdriver.common.by import By

    base = lantern_server.base_url
    project = api.get_ok("/api/public/projects", what="GET projects")["data"][0]["id"]
    traces_url = f"{base}/project/{project}/traces"

    browser.get(traces_url)
    assert "/auth/sign-in" in browser.current_url, f"not signed in: expected the sign-in page, got {browser.current_url}"
    shot(browser, "01-sign-in")
    browser.find_element(By.NAME, "email").send_keys(member)
    browser.find_element(By.NAME, "password").send_keys("wrong-password-1")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "Invalid email or password" in browser.find_element(By.CSS_SELECTOR, "p.error").text
    browser.find_element(By.NAME, "email").send_keys(member)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert browser.current_url.startswith(traces_url), f"after sign-in: expected the traces page, got {browser.current_url}"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tracing"
    shot(browser, "02-traces")

    # Filter by name: only the first trace of the session is left, and the filter is in the URL.
    browser.find_element(By.CSS_SELECTOR, "form.filters details.panel summary").click()
    name_box = browser.find_element(By.NAME, "name")
    name_box.clear()
    name_box.send_keys(traces["names"][0])
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    assert f"name={traces['names'][0]}" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 1 and traces["names"][0] in rows[0].text, f"filtered rows: {[row.text for row in rows]}"
    shot(browser, "03-traces-filtered")

    # Full-text search finds a trace by its output; the default search (ids and names) does not.
    browser.get(traces_url)
    browser.find_element(By.NAME, "search").send_keys("turn 1 done")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    assert not browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr"), "ids and names do not hold the output text"
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.NAME, "searchType")).select_by_value("content")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert len(rows) == 1 and traces["names"][1] in rows[0].text, f"full-text rows: {[row.text for row in rows]}"
    shot(browser, "03b-traces-search")

    # Has error, and the Scores column chosen in the column picker: the first trace, with its score.
    browser.get(traces_url)
    browser.find_element(By.CSS_SELECTOR, "form.filters details.panel summary").click()
    browser.find_element(By.NAME, "hasError").click()
    columns = browser.find_elements(By.CSS_SELECTOR, "form.filters details.panel summary")[1]
    columns.click()
    browser.find_element(By.CSS_SELECTOR, "input[name=col][value=scores]").click()
    shot(browser, "03c-traces-columns")
    follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    texts = [row.text for row in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")]
    assert any(traces["names"][0] in text and "helpfulness: 0.9" in text for text in texts), f"error rows: {texts}"
    assert not any(traces["names"][1] in text for text in texts), f"a trace without errors is listed: {texts}"
    shot(browser, "03d-traces-errors-scores")

    # The peek: the trace's tree beside the table, without leaving it.
    row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if traces["names"][0] in row.text)
    follow(browser, row.find_element(By.CSS_SELECTOR, "a.peek-link"))
    assert f"peek={traces['ids'][0]}" in browser.current_url and browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    peek = browser.find_element(By.CSS_SELECTOR, "aside.peek")
    assert "answer" in peek.find_element(By.CSS_SELECTOR, "ul.tree").text and "failing-step" in peek.text
    shot(browser, "03e-traces-peek")

    # A Langfuse link's filter= works the same; a filter Lantern lacks is named, not silently dropped.
    from urllib.parse import quote
    link_filter = f"name;string;;=;{quote(traces['names'][1])},tags;arrayOptions;;any of;ui-test,metadata;stringObject;region;=;eu"
    browser.get(f"{traces_url}?filter={quote(link_filter)}")
    names = [row.find_element(By.CSS_SELECTOR, "td:nth-child(2) a").text for row in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")]
    assert names == [traces["names"][1]], f"rows for a Langfuse filter link: {names}"
    assert "metadata" in browser.find_element(By.CSS_SELECTOR, "p[role=status]").text
    browser.get(f"{traces_url}?name={quote(traces['names'][0])}")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")

    # The trace: tree with types, the generation's messages, tool call, usage and the score.
    follow(browser, rows[0].find_element(By.LINK_TEXT, traces["names"][0]))
    tree = browser.find_element(By.CSS_SELECTOR, "ul.tree").text
    for expected in ("GENERATION", "answer", "TOOL", "lookup_definition", "failing-step"):
        assert expected in tree, f"tree lacks {expected!r}: {tree}"
    assert browser.find_elements(By.CSS_SELECTOR, "ul.tree a.level-error"), "the failing step is marked as an error"
    assert "helpfulness" in browser.find_element(By.CSS_SELECTOR, "section.detail").text, "the trace's score is shown"
    shot(browser, "04-trace")

    # A comment on the trace, added through the page's form, is listed under it.
    comment = f"checked by the browser test {uid()[:6]}"
    browser.find_element(By.CSS_SELECTOR, "form.comment-form textarea").send_keys(comment)
    browser.find_element(By.CSS_SELECTOR, "form.comment-form button").click()
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait
    # The post redirects back to the trace page: the old page's section may go stale while it is read.
    WebDriverWait(browser, 15, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda d: comment in d.find_element(By.ID, "comments").text, "the new comment is not listed")
    assert "Comments on this trace (1)" in browser.find_element(By.ID, "comments").text
    browser.execute_script("arguments[0].scrollIntoView()", browser.find_element(By.ID, "comments"))
    shot(browser, "04a-comment")

    # The image attachment is shown as an image, loaded from the server, not as base64 text.
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "screenshot"))
    image = browser.find_element(By.CSS_SELECTOR, ".media img")
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return arguments[0].naturalWidth", image) == 48, "the image did not load")
    assert "base64" not in browser.find_element(By.CSS_SELECTOR, "section.detail").text
    shot(browser, "04b-attachment")
    follow(browser, browser.find_element(By.PARTIAL_LINK_TEXT, "answer"))
    detail = browser.find_element(By.CSS_SELECTOR, "section.detail")
    roles = [element.text for element in detail.find_elements(By.CSS_SELECTOR, "ol.messages .role")]
    assert roles[:2] == ["SYSTEM", "USER"], f"input messages by role: {roles}"
    assert "Answer in one sentence." in detail.text and "A portable light." in detail.text
    assert "lookup_definition" in detail.find_element(By.CSS_SELECTOR, ".tool-call").text
    assert "gpt-4o-mini" in detail.text and "input tokens" in detail.text
    shot(browser, "05-generation")
    browser.execute_cdp_cmd("Browser.grantPermissions", {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
    copy = next(button for button in detail.find_elements(By.CSS_SELECTOR, "button.copy") if button.is_displayed())
    copy.click()
    from selenium.webdriver.support.ui import WebDriverWait as Wait
    Wait(browser, 5).until(lambda d: copy.text == "Copied", "the copy button did not copy")
    # The dark theme follows prefers-color-scheme; the same page, emulated dark.
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(11, 15, 23)", f"dark theme background: {background}"
    shot(browser, "05b-generation-dark")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})

    # Timeline: one bar per observation.
    follow(browser, browser.find_element(By.LINK_TEXT, "Timeline"))
    bars = browser.find_elements(By.CSS_SELECTOR, "svg.timeline rect.bar")
    observations = api.get_ok(f"/api/public/traces/{traces['ids'][0]}", what="trace")["observations"]
    assert len(bars) == len(observations), f"timeline bars: {len(bars)} for {len(observations)} observations"
    shot(browser, "06-timeline")

    # Flame view: one block per observation, the nested tool one row below its generation.
    follow(browser, browser.find_element(By.LINK_TEXT, "Flame"))
    blocks = browser.find_elements(By.CSS_SELECTOR, "svg.flame rect.block")
    assert len(blocks) == len(observations), f"flame blocks: {len(blocks)} for {len(observations)} observations"
    tops = {block.find_element(By.XPATH, "..").find_element(By.TAG_NAME, "title").get_attribute("textContent").split(" · ")[0]:
            float(block.get_attribute("y")) for block in blocks}
    assert tops["lookup_definition"] > tops["answer"] > tops["agent-0"], f"depths by y: {tops}"
    follow(browser, browser.find_element(By.LINK_TEXT, "Colour by cost"))
    assert browser.find_elements(By.CSS_SELECTOR, "svg.flame rect.cost-4"), "the most expensive observation is darkest"
    shot(browser, "06b-flame")

    # The session replay: three turns in order.
    browser.get(f"{base}/project/{project}/sessions/{traces['session']}")
    turns = browser.find_elements(By.CSS_SELECTOR, "ol.replay li.turn")
    assert [turn.find_element(By.CSS_SELECTOR, ".turn-header a").text for turn in turns] == traces["names"]
    shot(browser, "07-session")
    browser.get(f"{base}/project/{project}/sessions")
    row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if traces["session"] in row.text)
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[4] == traces["user"] and cells[5] == "3", f"the session's users and traces: {cells}"
    shot(browser, "08-sessions")

    # The users page: the session's user with their three traces; their page lists those traces.
    browser.get(f"{base}/project/{project}/users")
    row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if traces["user"] in row.text)
    assert row.find_elements(By.TAG_NAME, "td")[1].text == "3", f"the user's trace count: {row.text}"
    shot(browser, "10-users")
    follow(browser, row.find_element(By.LINK_TEXT, traces["user"]))
    names = sorted(link.text for link in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr td:nth-child(2) a"))
    assert names == sorted(traces["names"]), f"the user's traces: {names}"
    badges = browser.find_element(By.CSS_SELECTOR, "p.badges").text
    assert "Traces 3" in badges and "Active" in badges, f"the user's figures: {badges}"
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart.columns rect.bar"), "the cost per day chart"
    shot(browser, "10b-user")
    follow(browser, browser.find_element(By.LINK_TEXT, "Sessions"))
    assert traces["session"] in browser.find_element(By.CSS_SELECTOR, "table.data").text, "the user's session"

    # Observations: the generation with its model, found by type; scores: the trace's score links to the trace.
    browser.get(f"{base}/project/{project}/observations?type=GENERATION&name=answer")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr")
    assert rows and all("GENERATION" in row.text and "gpt-4o-mini" in row.text for row in rows), f"generations: {[r.text for r in rows]}"
    shot(browser, "11-observations")
    browser.get(f"{base}/project/{project}/scores?name=helpfulness")
    row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "table.data tbody tr") if traces["ids"][0] in row.text)
    assert "0.9" in row.text and "API" in row.text, f"the score row: {row.text}"
    shot(browser, "12-scores")

    # The dashboard: each chart shows the metrics query behind it, and its bars are what that query answers.
    browser.get(f"{base}/project/{project}?dateRange=1d")
    cards = {card.find_element(By.TAG_NAME, "h2").text: card for card in browser.find_elements(By.CSS_SELECTOR, "section.card")}
    assert {"Traces over time", "Cost by model", "Observations by level over time", "Error rate over time", "Average score by name",
            "Latency percentiles by trace name", "Score distributions"} <= set(cards), f"charts: {sorted(cards)}"
    levels = cards["Observations by level over time"]
    query = levels.find_element(By.CSS_SELECTOR, "pre.json").get_attribute("textContent")
    rows = api.get_ok("/api/public/v2/metrics", {"query": query}, what="the chart's own query")["data"]
    drawn: dict[str, int] = {}
    for title in levels.find_elements(By.CSS_SELECTOR, "svg g title"):
        level, count = title.get_attribute("textContent").split(" · ")[1].split(": ")
        drawn[level] = drawn.get(level, 0) + int(count)
    expected: dict[str, int] = {}
    for row in rows:
        expected[row["level"]] = expected.get(row["level"], 0) + int(row["count_count"])
    assert drawn == expected, f"stacked columns {drawn} vs API {expected}"
    assert drawn.get("ERROR", 0) >= 1, f"the failing step counts as an error: {drawn}"
    legend = [text.text for text in levels.find_elements(By.CSS_SELECTOR, "svg text.label")]
    assert "ERROR" in legend, f"the legend names the levels: {legend}"
    assert cards["Score distributions"].find_elements(By.CSS_SELECTOR, "svg.histogram rect.bar"), "a histogram of the score"
    percentiles = [title.get_attribute("textContent") for title in cards["Latency percentiles by trace name"].find_elements(By.CSS_SELECTOR, "svg g title")]
    assert any(" p99: " in text for text in percentiles), f"p99 bars: {percentiles[:6]}"
    shot(browser, "09-dashboard")
    browser.execute_script("arguments[0].scrollIntoView()", cards["Score distributions"])
    shot(browser, "09b-dashboard-scores")

    # A name made of markup is text.
    browser.get(f"{base}/project/{project}/traces/{traces['escaped']}")
    assert "<script>alert('x')</script>" in browser.find_element(By.TAG_NAME, "h1").text
    assert "&lt;script&gt;" in browser.page_source and "<script>alert" not in browser.page_source

    # Another project's page is not found; signing out ends the session for every page.
    browser.get(f"{base}/project/not-a-project-{uid()}/traces")
    assert "Not found" in browser.find_element(By.TAG_NAME, "h1").text
    browser.get(traces_url)
    follow(browser, browser.find_element(By.CSS_SELECTOR, ".account button"))
    assert "/auth/sign-in" in browser.current_url, f"after sign-out: {browser.current_url}"
    browser.get(f"{base}/project/{project}/traces/{traces['ids'][0]}")
    assert "/auth/sign-in" in browser.current_url, f"a page after sign-out: {browser.current_url}"
