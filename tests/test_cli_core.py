"""End to end through the command line: extract, ingest, report, demo."""
from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import crosswire.extract.pipeline as pipeline_module
from crosswire.model import Article, InputError, Timex, check_record
from crosswire.report import claim_line, event_line
from crosswire.store import Database
from crosswire.store.intake import Intake

BORDER = """Title: Guards trade fire at the border
Date: 2024-03-05
Outlet: Lakeside Post

Border guards from two neighbouring countries traded fire on Monday near a disputed
river crossing, and at least four people were killed, local officials said. The
interior ministry denied that its soldiers had crossed the line. Talks are planned
for next week in the capital, a diplomat said on condition of anonymity.
"""

HARBOUR = """Title: Dock strike halts cargo
Date: 2024-03-06
Outlet: Lakeside Post

Dockworkers at the main harbour stopped work on Tuesday in a dispute over pay.
The union said about 2,000 members had joined the strike. The transport minister
urged both sides to return to talks, according to a statement from her office.
"""

WIRE = ("CAPITAL CITY (NPA) - The foreign ministers of two neighbouring states met on "
        "Wednesday and agreed to reopen a border crossing that had been closed since the "
        "spring, officials from both governments said after the meeting. The crossing will "
        "open for trucks first and for private cars a month later, the officials said, and "
        "a joint commission will meet every quarter to review the arrangement. Traders on "
        "both sides had lobbied for months for the reopening, saying the closure had cut "
        "their sales by half. Farmers who grow fruit near the crossing said they had been "
        "forced to send their harvest on a detour of more than two hundred kilometres.")


def records_of(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def assert_sound(records: list[dict]) -> None:
    for rec in records:
        assert not check_record(rec), check_record(rec)


# --------------------------------------------------------------------------- extract


def test_extract_one_file_to_stdout(cli, write_articles):
    folder = write_articles({"border-1.txt": BORDER})
    result = cli("extract", folder / "border-1.txt")
    assert result.exit_code == 0, result.stderr
    [rec] = records_of(result.stdout)
    assert (rec["schema"], rec["id"], rec["outlet"], rec["published"]) == (
        "crosswire.article/1", "border-1", "Lakeside Post", "2024-03-05")
    assert rec["text"].startswith("Border guards")  # header lines removed
    assert_sound([rec])
    assert "0 of 1 inputs failed" in result.stderr


def test_extract_a_folder_into_a_file(cli, write_articles, tmp_path):
    folder = write_articles({"a/border.txt": BORDER, "b/harbour.txt": HARBOUR})
    out = tmp_path / "out.jsonl"
    result = cli("extract", folder, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    records = records_of(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["border", "harbour"]
    assert_sound(records)


def test_extract_reads_json_lines_from_stdin_and_fills_in_missing_fields(cli):
    lines = [json.dumps({"id": "w1", "text": WIRE}),
             json.dumps({"id": "w2", "text": HARBOUR.split("\n\n", 1)[1],
                         "outlet": "Own Outlet", "published": "2024-01-02"})]
    result = cli("extract", "-", "--published", "2024-03-07", "--outlet", "Given Outlet",
                 input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    records = {r["id"]: r for r in records_of(result.stdout)}
    assert (records["w1"]["outlet"], records["w1"]["published"]) == ("Given Outlet", "2024-03-07")
    # --published / --outlet fill gaps only; they never override what the input states
    assert (records["w2"]["outlet"], records["w2"]["published"]) == ("Own Outlet", "2024-01-02")


def test_bad_inputs_are_reported_with_their_place_and_counted(cli, write_articles, tmp_path):
    good_line = json.dumps({"id": "ok-line", "text": WIRE})
    folder = write_articles({
        "good.txt": BORDER,
        "empty.txt": "   \n",
        "mixed.jsonl": good_line + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n",
    })
    out = tmp_path / "out.jsonl"
    result = cli("extract", folder, "-o", out)
    assert result.exit_code == 3, result.stderr
    errors = result.stderr.splitlines()
    assert any(line.startswith(f"{folder / 'mixed.jsonl'}:2: ") for line in errors), errors
    assert any(line.startswith(f"{folder / 'mixed.jsonl'}:3: ") for line in errors), errors
    assert any(line.startswith(f"{folder / 'empty.txt'}") for line in errors), errors
    assert errors[-1] == "3 of 5 inputs failed"
    written = records_of(out.read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in written) == ["good", "ok-line"]


def test_a_missing_path_fails_but_the_rest_is_written(cli, write_articles, tmp_path):
    folder = write_articles({"good.txt": HARBOUR})
    result = cli("extract", tmp_path / "nowhere.txt", folder / "good.txt")
    assert result.exit_code == 1
    assert f"{tmp_path / 'nowhere.txt'}: " in result.stderr
    assert [r["id"] for r in records_of(result.stdout)] == ["good"]


def test_a_malformed_published_date_is_a_usage_error(cli, write_articles):
    folder = write_articles({"good.txt": HARBOUR})
    result = cli("extract", folder, "--published", "14/11/2024")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
    assert result.stdout.count("{") == 0


def test_exit_status_is_capped_at_100(cli, write_articles):
    folder = write_articles({f"empty-{i:03}.txt": "" for i in range(102)})
    result = cli("extract", folder)
    assert result.exit_code == 100
    assert result.stderr.splitlines()[-1] == "102 of 102 inputs failed"


# --------------------------------------------------------------------------- ingest


def test_ingest_stores_articles_and_a_rerun_changes_nothing(cli, write_articles, tmp_path):
    folder = write_articles({"border.txt": BORDER, "harbour.txt": HARBOUR})
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = cli("ingest", folder, "--db", url)
    assert first.exit_code == 0, first.stderr
    db = Database(url)
    assert db.count_articles() == 2
    before = db.dump()
    again = cli("ingest", folder, "--db", url)
    assert again.exit_code == 0
    assert "2 already stored unchanged" in again.stderr
    assert db.dump() == before


def test_a_bare_path_is_a_sqlite_database(cli, write_articles, tmp_path, monkeypatch):
    folder = write_articles({"harbour.txt": HARBOUR})
    monkeypatch.chdir(tmp_path)
    result = cli("ingest", folder, "--db", "plain.db")
    assert result.exit_code == 0, result.stderr
    assert Database(str(tmp_path / "plain.db")).count_articles() == 1


def test_an_interrupted_ingest_rerun_equals_a_fresh_one(cli, example_corpus, tmp_path):
    """Stopping half-way is simulated by ingesting a prefix of the inputs; the
    re-run over everything must end exactly like one uninterrupted run."""
    files = sorted(p for p in example_corpus.rglob("*") if p.is_file())
    resumed, fresh = f"sqlite:///{tmp_path / 'resumed.db'}", f"sqlite:///{tmp_path / 'fresh.db'}"
    assert cli("ingest", *files[:5], "--db", resumed).exit_code == 0
    assert cli("ingest", *files, "--db", resumed).exit_code == 0
    assert cli("ingest", *files, "--db", fresh).exit_code == 0
    assert Database(resumed).dump() == Database(fresh).dump()
    assert Database(fresh).count_articles() > len(files) // 2


def test_duplicates_exact_skipped_near_same_outlet_skipped_other_outlet_flagged(
        cli, write_articles, tmp_path):
    wire = json.dumps
    lines = [
        wire({"id": "orig", "outlet": "Alpha News", "published": "2024-03-07", "text": WIRE}),
        wire({"id": "exact", "outlet": "Beta Daily", "published": "2024-03-07", "text": WIRE}),
        wire({"id": "same-outlet", "outlet": "Alpha News", "published": "2024-03-07",
              "text": WIRE.replace("every quarter", "each quarter")}),
        wire({"id": "other-outlet", "outlet": "Gamma Times", "published": "2024-03-07",
              "text": WIRE.replace("a month later", "four weeks later")}),
    ]
    folder = write_articles({"wire.jsonl": "\n".join(lines) + "\n"})
    url = f"sqlite:///{tmp_path / 'd.db'}"
    result = cli("ingest", folder, "--db", url)
    assert result.exit_code == 0, result.stderr  # duplicates are not failures
    assert "wire.jsonl:2: exact duplicate of orig" in result.stderr
    assert "wire.jsonl:3: near duplicate" in result.stderr
    index = {row["id"]: row for row in Database(url).article_index()}
    assert sorted(index) == ["orig", "other-outlet"]
    assert index["other-outlet"]["duplicate_of"] == "orig"
    assert index["orig"]["minhash"] and len(index["orig"]["minhash"]) > 10
    report = json.loads(cli("report", "--db", url, "--format", "json").stdout)
    assert {a["id"]: a["copy_of"] for a in report["articles"]} == {
        "orig": None, "other-outlet": "orig"}


def test_a_later_run_recognises_copies_of_earlier_articles(cli, write_articles, tmp_path):
    url = f"sqlite:///{tmp_path / 'd.db'}"
    first = write_articles({"a.jsonl": json.dumps(
        {"id": "orig", "outlet": "Alpha News", "text": WIRE}) + "\n"}, "first")
    later = write_articles({"b.jsonl": json.dumps(
        {"id": "copy", "outlet": "Gamma Times", "text": WIRE.replace("spring", "summer")}) + "\n"},
        "later")
    assert cli("ingest", first, "--db", url).exit_code == 0
    assert cli("ingest", later, "--db", url).exit_code == 0
    index = {row["id"]: row for row in Database(url).article_index()}
    assert index["copy"]["duplicate_of"] == "orig"


def test_ingest_stores_the_actor_dictionary(cli, write_articles, tmp_path):
    actors = tmp_path / "actors.csv"
    actors.write_text("name,aliases,code,country,sector,role,valid_from,valid_to\n"
                      "Edda Holm,Holm;Minister Holm,NORGOV,NOR,GOV,Transport Minister,"
                      "2023-01-01,\n", encoding="utf-8")
    folder = write_articles({"harbour.txt": HARBOUR})
    url = f"sqlite:///{tmp_path / 'a.db'}"
    result = cli("ingest", folder, "--db", url, "--actors", actors)
    assert result.exit_code == 0, result.stderr
    [entry] = Database(url).actor_entries()
    assert (entry["name"], entry["code"], entry["aliases"]) == (
        "Edda Holm", "NORGOV", ["Holm", "Minister Holm"])


# --------------------------------------------------------------------------- report and demo


@pytest.fixture
def ingested(cli, write_articles, tmp_path):
    folder = write_articles({"border.txt": BORDER, "harbour.txt": HARBOUR,
                             "wire.jsonl": json.dumps({"id": "w1", "outlet": "North Desk",
                                                       "text": WIRE}) + "\n"})
    url = f"sqlite:///{tmp_path / 'r.db'}"
    assert cli("ingest", folder, "--db", url).exit_code == 0
    return url


def test_report_json_counts_match_the_stored_records(cli, ingested):
    result = cli("report", "--db", ingested, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    stored = {r["id"]: r for r in Database(ingested).iter_record_dicts()}
    assert {a["id"] for a in data["articles"]} == set(stored)
    for article in data["articles"]:
        rec = stored[article["id"]]
        assert article["counts"]["events"] == len(rec["events"])
        assert article["counts"]["quantities"] == len(rec["quantities"])
        assert len(article["claims"]) == len(rec["claims"])
    outlets = {o["outlet"]: o for o in data["outlets"]}
    assert outlets["Lakeside Post"]["articles"] == 2 and outlets["North Desk"]["articles"] == 1


def test_report_text_filters_by_outlet_and_article(cli, ingested):
    by_outlet = cli("report", "--db", ingested, "--outlet", "North Desk")
    assert by_outlet.exit_code == 0
    assert "North Desk" in by_outlet.stdout and "Lakeside Post" not in by_outlet.stdout
    one = cli("report", "--db", ingested, "--article", "harbour", "--format", "json")
    assert [a["id"] for a in json.loads(one.stdout)["articles"]] == ["harbour"]
    missing = cli("report", "--db", ingested, "--article", "nope")
    assert missing.exit_code == 1 and "nope" in missing.stderr


def test_report_lines_read_like_an_analyst_note():
    claim = {"id": "c1", "source": {"text": "the Harbor Gazette", "start": 0, "end": 18,
                                    "kind": "outlet", "resolved": "Harbor Gazette"},
             "cue": {"text": "reported", "start": 0, "end": 8},
             "content": {"text": "talks  began\non Tuesday", "start": 0, "end": 10}}
    event = {"id": "v1", "cameo": "042", "plover": {"type": "CONSULT", "mode": "visit"},
             "modality": "asserted", "claim": "c1", "date": {"value": "2024-W45"},
             "source": {"text": "Lena Varga", "actor": {"country": "HUN", "code": "HUNGOV"}},
             "target": {"text": "Serbia", "actor": {"country": "SRB"}}}
    assert event_line(event, {"c1": claim}) == (
        "2024-W45  HUN Lena Varga —CONSULT/visit (042)→ SRB Serbia  [asserted; per Harbor Gazette]")
    assert claim_line(claim) == "Harbor Gazette (outlet) reported: talks began on Tuesday"


def test_demo_ingests_the_bundled_corpus_from_anywhere(cli, example_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("demo", "--db", tmp_path / "demo.db")
    assert result.exit_code == 0, result.stderr
    files = [p for p in example_corpus.rglob("*") if p.is_file()]
    inputs = sum(p.read_text(encoding="utf-8").count("\n") if p.suffix == ".jsonl" else 1
                 for p in files)
    skipped = result.stderr.count("skipped\n")  # the corpus holds a same-outlet repost
    assert skipped == 1, result.stderr
    assert Database(str(tmp_path / "demo.db")).count_articles() == inputs - skipped
    assert "crosswire serve --db" in result.stdout and "http://127.0.0.1:8000" in result.stdout
    for outlet in ("Harbor Gazette", "Northern Ledger", "Daily Meridian", "Eastline Radio"):
        assert outlet in result.stdout


def test_demo_default_database_is_created_in_the_working_directory(cli, tmp_path, monkeypatch,
                                                                  example_corpus):
    small = tmp_path / "small"
    shutil.copytree(example_corpus / "harbor-gazette", small)
    monkeypatch.setattr("crosswire.cli.core.example_corpus", lambda: small)
    monkeypatch.chdir(tmp_path)
    result = cli("demo")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "crosswire-demo.db").exists()


def test_a_stored_actor_dictionary_codes_later_ingests(cli, write_articles, tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text("- name: Orla Fenwick\n  aliases: [Fenwick]\n  code: IRLGOV\n"
                      "  country: IRL\n  sector: GOV\n  role: Fisheries Minister\n",
                      encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'a.db'}"
    first = write_articles({"one.txt": HARBOUR}, "first")
    assert cli("ingest", first, "--db", url, "--actors", actors).exit_code == 0
    later = write_articles({"two.txt": "Orla Fenwick said on Monday that the quota talks had "
                                       "failed. Fenwick will meet trawler owners next week.\n"},
                           "later")
    assert cli("ingest", later, "--db", url).exit_code == 0  # no --actors this time
    record = Database(url).get_record_dict("two")
    codes = {e["text"]: (e.get("actor") or {}).get("code") for e in record["entities"]}
    assert codes.get("Orla Fenwick") == "IRLGOV", record["entities"]


def test_an_unreadable_actor_dictionary_is_a_usage_error(cli, write_articles, tmp_path):
    actors = tmp_path / "actors.txt"
    actors.write_text("not a dictionary", encoding="utf-8")
    result = cli("ingest", write_articles({"one.txt": HARBOUR}), "--db",
                 f"sqlite:///{tmp_path / 'a.db'}", "--actors", actors)
    assert result.exit_code == 2


def test_report_on_a_missing_database_says_so_and_creates_nothing(cli, tmp_path):
    result = cli("report", "--db", tmp_path / "typo.db")
    assert result.exit_code == 1
    assert "no database" in result.stderr
    assert not (tmp_path / "typo.db").exists()


def test_a_corrected_article_replaces_its_earlier_version(cli, write_articles, tmp_path):
    url = f"sqlite:///{tmp_path / 'u.db'}"
    first = write_articles({"story.jsonl": json.dumps(
        {"id": "s1", "outlet": "Alpha News", "text": WIRE}) + "\n"}, "first")
    corrected = WIRE.replace("every quarter", "twice a year")
    second = write_articles({"story.jsonl": json.dumps(
        {"id": "s1", "outlet": "Alpha News", "text": corrected}) + "\n"}, "second")
    assert cli("ingest", first, "--db", url).exit_code == 0
    result = cli("ingest", second, "--db", url)
    assert result.exit_code == 0, result.stderr
    assert "duplicate" not in result.stderr
    # a correction is allowed but never silent: named on stderr and counted
    assert "id 's1' was stored by an earlier run with a different text" in result.stderr
    assert "1 replaced an earlier version" in result.stderr
    db = Database(url)
    assert db.count_articles() == 1
    assert db.get_record_dict("s1")["text"] == corrected


def test_extract_check_reports_a_record_that_breaks_the_contract(cli, write_articles,
                                                                 monkeypatch):

    original = pipeline_module.Pipeline.extract

    def extract_with_a_bad_span(self, article, doc, dateline=None):
        record = original(self, article, doc, dateline)
        if record.id == "bad":
            record.timexes.append(Timex("nowhere", 0, 7, id="t999", value="2024"))
        return record
    monkeypatch.setattr(pipeline_module.Pipeline, "extract", extract_with_a_bad_span)
    folder = write_articles({"bad.txt": HARBOUR, "good.txt": BORDER})
    result = cli("extract", folder, "--check")
    assert result.exit_code == 1
    assert "bad: contract: timexes[t999]" in result.stderr
    assert [r["id"] for r in records_of(result.stdout)] == ["good"]


def test_intake_gives_one_outcome_per_input_for_any_writer(pipeline, tmp_path):
    """The web UI's POST and the CLI share ``store.intake``: same screening, same storage."""

    db = Database(f"sqlite:///{tmp_path / 'i.db'}")
    items = [Article(text=WIRE, id="one", outlet="Alpha News", origin="post:1"),
             InputError("post:2", "no text"),
             Article(text=WIRE, id="two", outlet="Beta Daily", origin="post:3")]
    outcomes = list(Intake(db, pipeline).run(items))
    assert sorted((o.origin, o.status) for o in outcomes) == [
        ("post:1", "stored"), ("post:2", "failed"), ("post:3", "skipped")]
    again = list(Intake(db, pipeline).run(items[:1]))
    assert [(o.status, o.kind) for o in again] == [("skipped", "already stored unchanged")]
    assert db.count_articles() == 1


def test_extract_with_an_unreadable_actor_dictionary_is_a_usage_error(cli, write_articles,
                                                                      tmp_path):
    actors = tmp_path / "actors.txt"
    actors.write_text("not a dictionary", encoding="utf-8")
    result = cli("extract", write_articles({"one.txt": HARBOUR}), "--actors", actors)
    assert result.exit_code == 2
    assert result.stdout == ""


def committed_articles(path) -> int:
    """Articles committed so far, read without taking part in schema creation."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_an_ingest_killed_mid_way_is_finished_by_running_it_again(cli, example_corpus, tmp_path):
    """A real kill (SIGKILL, no clean-up) once the first articles are committed; the
    re-run must end with exactly the database of one uninterrupted run."""

    killed_db, fresh_db = tmp_path / "killed.db", tmp_path / "fresh.db"
    command = [str(Path(sys.executable).parent / "crosswire"), "ingest", str(example_corpus),
               "--db", str(killed_db)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            if committed_articles(killed_db) >= 2:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    assert cli("ingest", example_corpus, "--db", killed_db).exit_code == 0
    assert cli("ingest", example_corpus, "--db", fresh_db).exit_code == 0
    assert Database(str(killed_db)).dump() == Database(str(fresh_db)).dump()
