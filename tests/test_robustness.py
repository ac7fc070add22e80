"""Issue #13: nothing a newsroom feeds crosswire takes it down or loses an article.

One section per finding of the issue: long articles, linear cost, concurrent
writers, input policy, commands that fail well, the web API's limits, and
property tests over the readers and extractors. Articles are our own words.
"""
from __future__ import annotations

import json
import threading
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_web_fixtures import client, web_db  # noqa: F401  (pytest fixtures)

from crosswire.extract.claims import sentence_index as claims_sentence_index
from crosswire.extract.pipeline import Context
from crosswire.ingest import read_inputs
from crosswire.ingest.dates import DateError, normalise_date
from crosswire.model import Article, Record, check_record
from crosswire.store import Database
from crosswire.store.intake import Intake

FERRY = ("The harbour authority said on Monday that the evening ferry to the islands would "
         "resume next week after repairs to its engine. About 300 passengers a day use the "
         "route, according to the operator.")
MARKET = ("Traders at the central market protested on Tuesday against a new stall fee. "
          "The city council said the fee would pay for a new roof, a spokesman said.")
SCHOOL = ("A new primary school opened in the river district on Wednesday. The education "
          "minister told parents that 450 pupils had enrolled for the first term.")


def jsonl(*objects: dict) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


class BarePipeline:
    """No spaCy: a record with the article's fields and one sentence (storage and
    linking tests do not need extraction)."""

    def __init__(self, delay: float = 0.0):
        self.delay = delay

    def run(self, items):
        for item in items:
            if isinstance(item, Article):
                time.sleep(self.delay)
                yield Record(id=item.stable_id(), text=item.text, title=item.title,
                             outlet=item.outlet, published=item.published,
                             sentences=[(0, len(item.text))])
            else:
                yield item


# ------------------------------------------------------------------ long articles


def test_an_article_over_max_chars_is_refused_and_the_batch_goes_on(cli, write_articles):
    long_text = " ".join([FERRY] * 20)
    folder = write_articles({"batch.jsonl": jsonl(
        {"id": "a", "text": FERRY}, {"id": "long", "text": long_text}, {"id": "b", "text": MARKET})})
    result = cli("extract", folder / "batch.jsonl", "--max-chars", "2000")
    assert result.exit_code == 1
    assert f"batch.jsonl:2: too long ({len(long_text)} characters, limit 2000)" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b"]


def test_a_text_longer_than_spacy_accepts_is_parsed_in_pieces(pipeline, monkeypatch):
    import crosswire.nlp as nlp
    monkeypatch.setattr(nlp, "PIECE_CHARS", 400)
    text = "\n\n".join([FERRY, MARKET, SCHOOL] * 4)
    monkeypatch.setattr(pipeline.nlp.spacy, "max_length", 450)  # each piece fits, the text not
    record = pipeline(Article(text=text, id="pieces", published="2024-05-02"))
    assert not check_record(record.to_dict())
    assert record.text == text and len(record.sentences) >= 12


def test_spacy_failing_on_one_article_fails_only_that_article(pipeline, monkeypatch):
    monkeypatch.setattr(pipeline.nlp.spacy, "max_length", len(SCHOOL) + 10)
    articles = [Article(text=FERRY + " " + SCHOOL, id="too-long", origin="in.jsonl:1"),
                Article(text=SCHOOL, id="fine", origin="in.jsonl:2")]
    results = list(pipeline.run(articles))
    assert "could not be parsed" in str(results[0]) and results[0].origin == "in.jsonl:1"
    assert isinstance(results[1], Record) and results[1].id == "fine"


# ------------------------------------------------------------------ linear cost


class CountingList(list):
    """A list that counts how many items are looked at."""

    reads = 0

    def __getitem__(self, i):
        CountingList.reads += 1
        return super().__getitem__(i)

    def __iter__(self):
        for i in range(len(self)):
            yield self[i]


def test_offset_to_sentence_lookups_do_not_scan_every_sentence():
    sentences = CountingList((i * 10, i * 10 + 8) for i in range(20_000))
    ctx = Context(article=Article(text="x"), doc=None, record=Record(id="r", text="x"))
    ctx.record.sentences = sentences
    CountingList.reads = 0
    assert ctx.sentence_index(150_003) == 15_000
    assert claims_sentence_index(sentences, 150_009) == 15_001
    assert CountingList.reads < 100  # a scan reads ~15,000 per lookup


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 6)), min_size=1, max_size=30),
       st.integers(-2, 400))
def test_bisected_lookups_agree_with_a_scan(gaps_lengths, char):
    sentences, pos = [], 0
    for gap, length in gaps_lengths:
        sentences.append((pos + gap, pos + gap + length))
        pos += gap + length
    ctx = Context(article=Article(text="x"), doc=None, record=Record(id="r", text="x"))
    ctx.record.sentences = sentences
    scan = next((i for i, (s, e) in enumerate(sentences) if s <= char < e), len(sentences) - 1)
    assert ctx.sentence_index(char) == scan
    first_ending_after = next((i for i, (_, e) in enumerate(sentences) if char < e),
                              len(sentences) - 1)
    assert claims_sentence_index(sentences, char) == first_ending_after


# ------------------------------------------------------------------ concurrent writers


def _ingest_thread(db, articles, errors):
    try:
        for _ in Intake(db, BarePipeline(delay=0.002)).run(articles):
            pass
    except Exception as exc:  # noqa: BLE001 - the test reports it
        errors.append(exc)


def _articles(prefix: str, n: int) -> list[Article]:
    words = ["ferry", "market", "school", "bridge", "harbour", "council", "river", "station"]
    return [Article(id=f"{prefix}{i}", outlet=f"Outlet {prefix}", published="2024-05-0" + str(1 + i % 9),
                    text=f"Report {prefix}{i}: " + " ".join(words[(i * 7 + k * 3 + len(prefix)) % 8]
                                                            + str(i * 31 + k) for k in range(40)))
            for i in range(n)]


def _two_ingests_and_posts(db):
    from fastapi.testclient import TestClient

    from crosswire.web import create_app, ingest
    errors: list[Exception] = []
    first, second = _articles("a", 12), _articles("b", 12)
    threads = [threading.Thread(target=_ingest_thread, args=(db, batch, errors))
               for batch in (first, second)]
    posted = _articles("p", 4)
    original = ingest.pipeline
    ingest.pipeline = BarePipeline
    try:
        with TestClient(create_app(db, token="t")) as c:
            for t in threads:
                t.start()
            for article in posted:
                body = {"id": article.id, "text": article.text, "outlet": article.outlet,
                        "published": article.published}
                response = c.post("/api/articles", json=body, headers={"Authorization": "Bearer t"})
                assert response.status_code == 201, response.text
            for t in threads:
                t.join()
    finally:
        ingest.pipeline = original
    assert not errors, errors
    wanted = {a.id for a in first + second + posted}
    index = db.article_index()
    assert {r["id"] for r in index} == wanted
    from sqlalchemy import select

    from crosswire.store import schema
    with db.engine.connect() as conn:
        rows = conn.execute(select(schema.articles.c.seq, schema.articles.c.story_id)).all()
    assert len({seq for seq, _ in rows}) == len(rows)  # every article its own place
    assert all(story for _, story in rows)  # and linked


def test_two_ingests_and_posts_at_once_store_the_union_sqlite(tmp_path):
    _two_ingests_and_posts(Database(f"sqlite:///{tmp_path / 'race.db'}"))


def test_two_ingests_and_posts_at_once_store_the_union_postgres(pg_database):
    _two_ingests_and_posts(pg_database)


def test_sqlite_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'w.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


# ------------------------------------------------------------------ input policy


def test_a_repeated_id_with_another_text_is_an_error_and_the_same_text_a_duplicate(
        cli, write_articles, tmp_path):
    folder = write_articles({"in.jsonl": jsonl(
        {"id": "x1", "text": FERRY}, {"id": "x1", "text": MARKET}, {"id": "x1", "text": FERRY})})
    url = f"sqlite:///{tmp_path / 'ids.db'}"
    result = cli("ingest", folder, "--db", url)
    assert result.exit_code == 1
    assert "in.jsonl:2: id 'x1' repeated with a different text (first at" in result.stderr
    assert "in.jsonl:3: exact duplicate of x1" in result.stderr
    assert "1 of 3 inputs failed" in result.stderr
    assert Database(url).get_record_dict("x1")["text"] == FERRY


def _read(tmp_path, *objects):
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl(*objects), encoding="utf-8")
    return list(read_inputs([path]))


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "a/b", "x?y=1", "frag#1", ".hidden",
                                    "x" * 201])
def test_unsafe_ids_are_refused(tmp_path, bad_id):
    [item] = _read(tmp_path, {"id": bad_id, "text": FERRY})
    assert not isinstance(item, Article) and "unsafe id" in item.message


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "3024-05-01", "9999-12-31",
                                 "9999-12-31T23:00:00+05:00"])
def test_implausible_dates_are_refused_with_the_reason(tmp_path, day):
    [item] = _read(tmp_path, {"id": "d", "text": FERRY, "published": day})
    assert not isinstance(item, Article)
    assert "implausible date" in item.message and ("1900" in item.message
                                                   or "future" in item.message)
    with pytest.raises(DateError):
        normalise_date(day)


def test_plausible_dates_are_kept():
    assert normalise_date("1900-01-01") == "1900-01-01"
    assert normalise_date("2024-11-10T09:00:00+02:00") == "2024-11-10T07:00:00Z"


@pytest.mark.parametrize("field, value, said", [
    ("outlet", {"kind": "paper"}, '"outlet" is an object without a "name"'),
    ("title", True, '"title" is a boolean'),
    ("author", [1, 2], '"author" is a list of other than names'),
])
def test_wrong_field_types_are_errors_not_silent_drops(tmp_path, field, value, said):
    [item] = _read(tmp_path, {"id": "t", "text": FERRY, field: value})
    assert not isinstance(item, Article) and said in item.message


def test_usual_field_shapes_still_read(tmp_path):
    [item] = _read(tmp_path, {"id": 17, "text": FERRY, "source": {"name": "Bay Post"},
                              "author": ["A. Writer", "B. Writer"]})
    assert (item.id, item.outlet, item.author) == ("17", "Bay Post", "A. Writer, B. Writer")


# ------------------------------------------------------------------ commands fail well


def _one_line(result):
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.exit_code == 1, result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["report"], ["stories"], ["events"]])
def test_bad_db_urls_are_one_line(cli, tmp_path, command):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database file at all " * 200)
    assert "unknown database scheme" in _one_line(cli(*command, "--db", "foo://x/y"))
    assert "cannot open" in _one_line(cli(*command, "--db", str(junk)))
    assert "no database at" in _one_line(cli(*command, "--db", str(tmp_path / "none" / "x.db")))
    unreachable = "postgresql+psycopg2://nobody@127.0.0.1:1/nothing?connect_timeout=2"
    assert "cannot open" in _one_line(cli(*command, "--db", unreachable))
    assert not (tmp_path / "none").exists()


def test_ingest_into_a_missing_folder_is_one_line(cli, write_articles, tmp_path):
    folder = write_articles({"a.jsonl": jsonl({"id": "a", "text": FERRY})})
    assert "does not exist" in _one_line(cli("ingest", folder, "--db",
                                             str(tmp_path / "nowhere" / "x.db")))


def test_read_commands_never_create_a_database(cli, tmp_path):
    for command in (["stories"], ["story", "s1"], ["events"], ["conflicts"], ["timeline", "s1"],
                    ["relink"], ["report"]):
        result = cli(*command, "--db", str(tmp_path / "typo.db"))
        assert result.exit_code == 1 and "no database at" in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_a_sqlite_file_without_crosswire_tables_is_named(cli, tmp_path):
    import sqlite3
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert "not a crosswire database" in _one_line(cli("stories", "--db", str(other)))


def test_unknown_story_outlet_kind_are_messages_and_exit_1(cli, seeds_db):
    url = seeds_db.url
    assert "no articles from outlet 'NOPE'" in _one_line(cli("report", "--db", url,
                                                              "--outlet", "NOPE"))
    assert "no story 's999'" in _one_line(cli("timeline", "s999", "--db", url))
    assert "no story 'nope'" in _one_line(cli("events", "--story", "nope", "--db", url))
    assert "no story 'nope'" in _one_line(cli("conflicts", "--story", "nope", "--db", url))
    assert "unknown conflict kind 'nope'" in _one_line(cli("conflicts", "--kind", "nope",
                                                           "--db", url))
    assert cli("timeline", "s1", "--db", url).exit_code == 0


# ------------------------------------------------------------------ web API limits


def test_claims_filter_by_story(client):
    everything = client.get("/api/claims").json()["total"]
    s1 = client.get("/api/claims", params={"story": "s1"}).json()
    s2 = client.get("/api/claims", params={"story": "s2"}).json()
    assert s1["total"] + s2["total"] == everything and s1["total"] < everything
    assert {c["story_id"] for c in s1["items"]} == {"s1"}


def test_unknown_api_parameters_are_400(client):
    response = client.get("/api/claims", params={"storyy": "s1"})
    assert response.status_code == 400 and "storyy" in response.json()["detail"]
    assert client.get("/api/stories", params={"limit": 5}).status_code == 200


def _post_client(db, monkeypatch, max_chars=1000, pipeline=BarePipeline):
    from fastapi.testclient import TestClient

    from crosswire.web import create_app, ingest
    monkeypatch.setattr(ingest, "pipeline", pipeline)
    monkeypatch.setattr("crosswire.link.after_ingest", lambda db, ids: [])
    return TestClient(create_app(db, token="t", max_chars=max_chars))


AUTH = {"Authorization": "Bearer t"}


def test_a_body_over_the_limit_is_413_before_it_is_read(web_db, monkeypatch):
    with _post_client(web_db, monkeypatch) as c:
        big = json.dumps({"id": "big", "text": "word " * 20000})
        declared = c.post("/api/articles", content=big, headers={
            **AUTH, "content-type": "application/json"})
        assert declared.status_code == 413 and "limit 69536 bytes" in declared.json()["detail"]

        def chunks():  # no Content-Length: counted as it streams
            for _ in range(100):
                yield b"x" * 1000
        streamed = c.post("/api/articles", content=chunks(), headers={
            **AUTH, "content-type": "application/json"})
        assert streamed.status_code == 413
        long_text = c.post("/api/articles", json={"id": "l", "text": "word " * 300}, headers=AUTH)
        assert long_text.status_code == 413
        assert "too long (1499 characters, limit 1000)" in long_text.json()["detail"]


def test_a_slow_article_blocks_neither_other_posts_nor_pages(web_db, monkeypatch):
    release = threading.Event()

    class SlowForOne(BarePipeline):
        def run(self, items):
            items = list(items)
            if any(getattr(a, "id", None) == "slow" for a in items):
                release.wait(20)
            yield from super().run(items)

    with _post_client(web_db, monkeypatch, pipeline=SlowForOne) as c:
        slow = c.post("/api/articles", params={"wait": 0},
                      json={"id": "slow", "text": FERRY, "published": "2024-05-01"}, headers=AUTH)
        assert slow.status_code == 202
        job = slow.json()["url"]
        assert c.get(job).json()["status"] in ("queued", "running")
        fast = c.post("/api/articles", json={"id": "fast", "text": MARKET,
                                             "published": "2024-05-01"}, headers=AUTH)
        assert fast.status_code == 201
        assert c.get("/api/stories").status_code == 200
        release.set()
        for _ in range(200):
            state = c.get(job).json()
            if state["status"] == "done":
                break
            time.sleep(0.05)
        assert state["status"] == "done" and state["result"]["stored"] is True
        assert c.get("/api/jobs/nope").status_code == 404


# ------------------------------------------------------------------ property tests

_hostile_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
_json_value = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=False)
    | _hostile_text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_hostile_text, inner, max_size=3),
    max_leaves=8)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(obj=st.dictionaries(st.sampled_from(["id", "text", "title", "published", "outlet",
                                            "source", "author", "url", "date", "extra"]),
                           _json_value, max_size=6))
def test_json_reader_never_raises_on_any_object(tmp_path, obj):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps(obj) + "\n", encoding="utf-8")
    for item in read_inputs([path]):
        if isinstance(item, Article):
            assert item.text.strip()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=400) | _hostile_text.map(lambda t: t.encode("utf-8", "replace")),
       depth=st.integers(0, 400))
def test_text_and_html_readers_never_raise(tmp_path, raw, depth):
    (tmp_path / "r.txt").write_bytes(raw)
    nested = b"<div>" * depth + raw + b"</div>" * depth
    (tmp_path / "r.html").write_bytes(b"<html><body><p>" + nested + b"</p></body></html>")
    list(read_inputs([tmp_path / "r.txt", tmp_path / "r.html"]))


_sentence = st.sampled_from([FERRY, MARKET, SCHOOL, "", ".", "!!!", "\n\n", "\x00\x07\x1b",
                             "99999999999999999999999999 people were killed.",
                             "“”“", "Mr. . . said", "\u202e\u200b", "\t\t"])


@settings(max_examples=25, deadline=None)
@given(parts=st.lists(_sentence | _hostile_text, min_size=1, max_size=5))
def test_extraction_never_raises_and_offsets_hold(pipeline, parts):
    text = " ".join(parts).strip()
    if not text:
        return
    [result] = list(pipeline.run([Article(text=text, id="h", published="2024-05-02")]))
    assert isinstance(result, Record), str(result)
    assert not check_record(result.to_dict())


# ------------------------------------------------------------------ kill at random points


def test_an_ingest_killed_at_random_points_ends_as_a_clean_run(cli, example_corpus, tmp_path):
    """SIGKILL at three random moments (while loading, storing or linking), each
    run resuming the last; a final run must give exactly the database of one
    uninterrupted run."""
    import random
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from test_cli_core import committed_articles

    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    killed_db, fresh_db = tmp_path / "killed.db", tmp_path / "fresh.db"
    command = [str(Path(sys.executable).parent / "crosswire"), "ingest", str(example_corpus),
               "--db", str(killed_db)]
    for _ in range(3):
        target = committed_articles(killed_db) + rng.randrange(0, 4)
        extra = rng.uniform(0, 0.4)
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while process.poll() is None and time.monotonic() < deadline:
                if committed_articles(killed_db) >= target:
                    time.sleep(extra)
                    process.send_signal(signal.SIGKILL)
                    break
                time.sleep(0.02)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait()
    assert cli("ingest", example_corpus, "--db", killed_db).exit_code == 0
    assert cli("ingest", example_corpus, "--db", fresh_db).exit_code == 0
    assert Database(str(killed_db)).dump() == Database(str(fresh_db)).dump(), f"seed {seed}"
