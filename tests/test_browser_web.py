"""The web interface in a real browser (Debian's chromium through Playwright).

The database is the bundled example corpus, ingested with the real pipeline
once per session, plus one hostile article that tries to inject markup.
The app runs under uvicorn in a background thread on a free local port.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_web_fixtures import HOSTILE_TEXT, HOSTILE_TITLE, hostile_record

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason=f"{CHROMIUM} is absent (apt-get install chromium); "
                              "the browser tests need Debian's chromium"),
]


@pytest.fixture(scope="session")
def example_db(tmp_path_factory):
    from crosswire import link
    from crosswire.cli.core import example_corpus, ingest_paths
    from crosswire.store.db import Database
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('browser') / 'example.db'}")
    ingest_paths(db, [str(example_corpus())])
    db.upsert_record(hostile_record())
    link.after_ingest(db, ["hostile-1"])
    yield db
    db.close()


@pytest.fixture(scope="session")
def base_url(example_db):
    from crosswire.web import create_app
    from crosswire.web.background import running
    with running(create_app(example_db)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records script errors, CSP violations and dialogs (alerts)."""
    context = browser.new_context()
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda err: pg.problems.append(f"script error: {err}"))
    pg.on("console", lambda msg: pg.problems.append(f"console {msg.type}: {msg.text}")
          if msg.type == "error" else None)
    pg.on("dialog", lambda dialog: (pg.problems.append(f"dialog: {dialog.message}"),
                                    dialog.dismiss()))
    yield pg
    context.close()


def largest_story(db) -> dict:
    from crosswire.web import queries
    first = queries.list_stories(db, queries.StoryFilters(sort="size"), queries.Page(1))
    return queries.get_story(db, first["items"][0]["id"])


def test_every_page_loads_cleanly(page, base_url, example_db):
    story = largest_story(example_db)
    article = story["articles"][0]
    from crosswire.web import queries
    actor = queries.list_actors(example_db, queries.Page(1))["items"][0]["code"]
    for path, heading in (("/", "Stories"), (f"/stories/{story['id']}", story["title"]),
                          (f"/articles/{article['id']}", article["title"]),
                          (f"/actors/{actor}", actor), ("/explore", "Explore"),
                          ("/docs", "JSON API")):
        response = page.goto(base_url + path)
        assert response.status == 200, path
        assert heading in page.locator("h1").inner_text(), path
    assert page.problems == []


def test_search_and_outlet_filter(page, base_url, example_db):
    page.goto(base_url + "/")
    total = int(page.locator("#result-count").inner_text().split()[0])
    assert total >= 3
    word = largest_story(example_db)["title"].split()[0]
    page.fill("input[name=q]", word)
    page.click("#story-filters button[type=submit]")
    page.wait_for_url(re.compile(r"q="))
    searched = int(page.locator("#result-count").inner_text().split()[0])
    assert 1 <= searched < total
    assert word.lower() in page.locator("table.stories").inner_text().lower()

    page.goto(base_url + "/")
    outlet = page.locator("select[name=outlet] option").nth(1).inner_text()
    page.select_option("select[name=outlet]", outlet)
    page.click("#story-filters button[type=submit]")
    page.wait_for_url(re.compile(r"outlet="))
    rows = page.locator("table.stories tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        assert outlet in rows.nth(i).inner_text()
    assert page.problems == []


def test_story_to_article_and_a_claim_shows_its_source(page, base_url, example_db):
    story = largest_story(example_db)
    page.goto(base_url + "/")
    page.click(f"a.story-link[href='/stories/{story['id']}']")
    page.wait_for_url(f"**/stories/{story['id']}")
    columns = page.locator(".outlet-column .outlet-name")
    assert columns.count() == len({a.get("outlet") for a in story["articles"]}) >= 2
    # The columns sit side by side, not stacked.
    boxes = [columns.nth(i).bounding_box() for i in range(2)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]

    article = next(a for a in story["articles"] if a.get("claims"))
    page.click(f".article-card a[href='/articles/{article['id']}']")
    page.wait_for_url(f"**/articles/{article['id']}")
    claim = article["claims"][0]
    page.locator(f"#article-text mark.hl-claim-source[data-ann~='{claim['id']}']").first.click()
    details = page.locator("#details")
    assert claim["source"]["text"] in details.inner_text()
    assert claim["content"]["text"][:40] in details.inner_text()
    assert page.problems == []


def test_hostile_article_renders_as_text(page, base_url):
    page.goto(base_url + "/articles/hostile-1")
    assert page.locator("h1").inner_text() == HOSTILE_TITLE
    text = page.locator("#article-text").inner_text()
    assert '<script>alert("text")</script>' in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert page.locator("#article-text img, #article-text script, h1 script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.locator("#article-text mark").first.click()
    assert "onerror" in page.locator("#details").inner_text()
    assert HOSTILE_TEXT[:20] in text
    page.goto(base_url + "/?q=notice")
    assert "<script>" in page.locator("table.stories").inner_text()
    assert not any(p.startswith("dialog") for p in page.problems), page.problems
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems


def test_explore_chart_and_csv(page, base_url, example_db):
    from crosswire.web import queries
    events = queries.list_merged_events(example_db, queries.Page(500))["items"]
    dated = [e for e in events if e.get("source_country") and queries.is_day(e.get("date_start"))]
    if not dated:
        pytest.skip("linking produced no dated merged events with a source country")
    source = dated[0]["source_country"]
    page.goto(base_url + "/explore")
    page.fill("input[name=source]", source)
    page.click("#explore-form button[type=submit]")
    page.wait_for_url(re.compile(f"source={source}"))
    assert page.locator("#explore-result svg.chart rect").count() >= 1
    href = page.locator("#csv-link").get_attribute("href")
    csv = page.request.get(base_url + href)
    assert csv.ok and csv.text().startswith("bucket,")
    rows = csv.text().strip().splitlines()[1:]
    counted = queries.explore(example_db, source, None, None, None)
    assert sum(int(r.rsplit(",", 1)[1]) for r in rows) == counted["charted"]
    # What is not charted is accounted for on the page, never dropped silently.
    left_out = counted["undated"] + counted["vague"] + sum(counted["outside"].values())
    assert counted["charted"] + left_out == counted["total"] == sum(
        1 for e in events if e.get("source_country") == source or (e.get("source_code") or "")
        .startswith(source))
    if left_out:
        assert page.locator("#explore-left-out").count() == 1
    assert page.problems == []


def test_bad_id_is_a_readable_404(page, base_url):
    response = page.goto(base_url + "/stories/does-not-exist")
    assert response.status == 404
    assert "does-not-exist" in page.locator(".message").inner_text()


# --------------------------------------------------------------------------- a phone's width
# Every page at 390 px: no sideways scrolling, readable chart text, the map drawn, and
# actor search by name with autocomplete (issue #14, item 5).

WIDTH = 390

# The smallest text a chart may show, in CSS pixels once the SVG is scaled to the page.
MIN_TEXT_PX = 10

CHART_TEXT_SIZES = """() => Array.from(document.querySelectorAll('svg text'))
  .filter((t) => t.getClientRects().length && t.closest('svg').getClientRects().length
                 && getComputedStyle(t.closest('div, section')).display !== 'none')
  .map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    pg = context.new_page()
    pg.problems = []
    pg.on("pageerror", lambda err: pg.problems.append(f"script error: {err}"))
    pg.on("console", lambda msg: pg.problems.append(f"console: {msg.text}")
          if msg.type == "error" else None)
    yield pg
    context.close()


def every_page(db) -> list[str]:
    from crosswire.web import queries
    story = largest_story(db)
    actor = queries.list_actors(db, queries.Page(1))["items"][0]["code"]
    return ["/", f"/stories/{story['id']}", f"/articles/{story['articles'][0]['id']}",
            "/actors", f"/actors/{actor}", "/explore", "/docs"]


def test_no_page_scrolls_sideways_at_390_px(phone, base_url, example_db):
    for path in every_page(example_db):
        assert phone.goto(base_url + path).status == 200, path
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= WIDTH, f"{path} is {width} px wide at {WIDTH} px"
        # Nor does anything stick out of its panel (clipped, it would be as unreadable).
        spilled = phone.evaluate("""() => Array.from(document.querySelectorAll('.panel'))
            .filter((p) => p.scrollWidth > p.clientWidth + 1).map((p) => p.id || p.className)""")
        assert spilled == [], (path, spilled)
    assert phone.problems == []


def test_chart_labels_stay_readable_at_390_px(phone, base_url, example_db):
    checked = 0
    for path in every_page(example_db):
        phone.goto(base_url + path)
        sizes = phone.evaluate(CHART_TEXT_SIZES)
        assert all(size >= MIN_TEXT_PX for size in sizes), (path, min(sizes))
        checked += len(sizes)
    assert checked >= 10  # the timeline, weekly bars and explore chart were measured


def test_story_page_has_its_map_and_coverage(phone, base_url, example_db):
    story = largest_story(example_db)
    phone.goto(base_url + f"/stories/{story['id']}")
    svg = phone.locator("#map svg.world-map")
    assert svg.count() == 1 and svg.bounding_box()["width"] <= WIDTH
    assert phone.locator("#map svg.world-map circle").count() >= 1
    outlets = phone.locator("#coverage table.coverage tbody tr")
    assert outlets.count() == len({a.get("outlet") for a in story["articles"]})


def test_actor_search_by_name_with_autocomplete(phone, base_url, example_db):
    from crosswire.web import labels, queries
    actor = next(a for a in queries.list_actors(example_db, queries.Page(50))["items"]
                 if len(a["code"]) > 3)
    name = labels.actor(actor["code"])  # e.g. "Hungary government"
    phone.goto(base_url + "/")
    box = phone.locator("#story-filters input[name=actor]")
    box.fill("")
    box.type(name[:-2], delay=20)
    options = phone.locator("#actor-codes option")
    phone.wait_for_function(
        "code => Array.from(document.querySelectorAll('#actor-codes option'))"
        ".some((o) => o.value === code) && document.querySelectorAll('#actor-codes option')"
        ".length <= 15", arg=actor["code"])
    assert any(options.nth(i).get_attribute("label").startswith(name)
               for i in range(options.count()))
    # Submitting the name as typed also works: it is read as that actor.
    box.fill(name)
    phone.click("#story-filters button[type=submit]")
    phone.wait_for_url(re.compile(r"actor="))
    assert actor["code"] in phone.locator("#actor-note").inner_text()
    assert phone.locator("table.stories tbody tr").count() >= 1
    assert phone.problems == []
