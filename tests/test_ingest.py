"""Readers: every input format, fill-ins, bad inputs, ordering, stdin."""
from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosswire.ingest import fill_in, read_inputs
from crosswire.ingest.dates import DateError, normalise_date
from crosswire.ingest.feeds import fragment_to_text
from crosswire.ingest.outlets import outlet_from_url
from crosswire.ingest.text_files import parse_text
from crosswire.model import Article, InputError

HERE = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths, **options) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], **options))


def articles(items) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def errors(items) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def by_id(items) -> dict[str, Article]:
    return {a.id: a for a in articles(items)}


# --------------------------------------------------------------------------- .txt


def test_txt_header_is_metadata_and_removed_from_text():
    [article] = read(HERE / "txt" / "with_header.txt")
    assert article.title == "Bridge reopens after flood repairs"
    assert article.published == "2024-05-21"
    assert article.outlet == "Valley Courier"  # "OUTLET:" — header names are case-insensitive
    assert article.url == "https://valleycourier.example/bridge-reopens"
    assert article.author == "Tomas Reyes"
    assert article.id == "with_header"  # the file stem
    assert article.text.startswith("The old stone bridge")
    assert "Title:" not in article.text and article.text == article.text.strip()


def test_txt_inline_date_prefix_is_removed():
    [article] = read(HERE / "txt" / "inline_date.txt")
    assert article.published == "2024-03-02"
    assert article.text.startswith("Farmers in the northern district")


def test_txt_without_metadata_keeps_a_colon_line_that_is_not_a_field():
    [article] = read(HERE / "txt" / "plain.txt")
    assert article.text.startswith("Note: the ferry service")
    assert article.title is None and article.published is None


def test_txt_id_header_overrides_the_stem(tmp_path):
    path = tmp_path / "stem.txt"
    path.write_text("Id: custom-7\nTitle: T\n\nBody text here.", encoding="utf-8")
    [article] = read(path)
    assert (article.id, article.title, article.text) == ("custom-7", "T", "Body text here.")


def test_txt_header_ended_by_first_non_metadata_line():
    parsed = parse_text("Title: Short\nThe body starts right away.\nSecond line.")
    assert parsed.metadata == {"title": "Short"}
    assert parsed.body == "The body starts right away.\nSecond line."


def test_txt_windows_line_ends_and_bom(tmp_path):
    path = tmp_path / "win.txt"
    path.write_bytes("\ufeffTitle: Win\r\nDate: 2024-01-02\r\n\r\nLine one.\r\nLine two.\r\n".encode("utf-8"))
    [article] = read(path)
    assert (article.title, article.published) == ("Win", "2024-01-02")
    assert article.text == "Line one.\nLine two."


def test_txt_header_with_unreadable_date_is_an_error(tmp_path):
    path = tmp_path / "baddate.txt"
    path.write_text("Date: sometime soon\n\nBody.", encoding="utf-8")
    [problem] = read(path)
    assert isinstance(problem, InputError)
    assert problem.origin == str(path) and "date" in problem.message.lower()


_header_value = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(title=_header_value, author=_header_value,
       # dates a news article can have (issue #13: others are refused, tested in test_robustness)
       day=st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()))
def test_txt_header_round_trips_arbitrary_titles_and_dates(title, day, author):
    raw = f"Title: {title}\nDate: {day.isoformat()}\nAuthor: {author}\n\nThe body sentence.\n"
    parsed = parse_text(raw)
    assert parsed.metadata["title"] == title.strip()
    assert parsed.metadata["author"] == author.strip()
    assert normalise_date(parsed.metadata["published"]) == day.isoformat()
    assert parsed.body == "The body sentence."


# --------------------------------------------------------------------------- JSON


def test_jsonl_fields_aliases_and_meta():
    items = read(HERE / "jsonl_articles.jsonl")
    assert not errors(items)
    first, second, third = articles(items)
    assert first.id == "wx-101" and first.published == "2025-01-09T06:45:00Z"
    assert first.outlet == "Reuters"  # derived from reuters.com
    assert first.meta == {"desk": "Weather"}
    assert first.origin.endswith("jsonl_articles.jsonl:1")
    assert second.id == "202" and second.outlet == "Northshore Ledger"  # "source": {"name": ...}
    assert second.text == "The harbour authority said the port would stay closed until the storm passed."
    assert second.published == "2025-01-10"
    assert third.id is None and third.stable_id() == third.stable_id() and len(third.stable_id()) == 16
    assert third.url == "https://news.example.org/item/3"  # "link" alias
    assert third.outlet == "news.example.org"  # unknown host: the host itself
    assert third.published == "2025-01-11T09:00:00Z"  # offset converted to UTC
    assert third.origin.endswith(":4")  # the blank line still counts


def test_jsonl_bad_lines_are_reported_with_line_numbers_and_the_rest_read():
    items = read(HERE / "jsonl_mixed_bad.jsonl")
    assert [a.id for a in articles(items)] == ["ok-1", "ok-2"]
    problems = {int(e.origin.rsplit(":", 1)[1]): e.message for e in errors(items)}
    assert set(problems) == {2, 3, 4, 5, 6}
    assert "invalid JSON" in problems[2]
    assert '"text"' in problems[3]
    assert "empty" in problems[4]
    assert "date" in problems[5]
    assert "object" in problems[6]
    assert all(str(e).startswith(str(HERE / "jsonl_mixed_bad.jsonl") + ":") for e in errors(items))


def test_json_single_object_and_list():
    items = read(HERE / "json")
    assert [a.id for a in articles(items)] == ["l1", "l3", "solo"]
    [problem] = errors(items)
    assert problem.origin.endswith("list.json:item 2")
    solo = by_id(items)["solo"]
    assert (solo.outlet, solo.published) == ("Hill Post", "2024-12-01")


def test_json_file_holding_json_lines(tmp_path):
    path = tmp_path / "lines.json"
    path.write_text('{"id": "a", "text": "One."}\n{"id": "b", "text": "Two."}\n', encoding="utf-8")
    assert [a.id for a in articles(read(path))] == ["a", "b"]


def test_invalid_json_file_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "a", "text": "One."},\n  {"id": \n]\n', encoding="utf-8")
    [problem] = read(path)
    assert isinstance(problem, InputError)
    assert problem.origin.startswith(str(path) + ":") and "invalid JSON" in problem.message


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.json"])
def test_empty_json_file_is_an_error(tmp_path, name):
    path = tmp_path / name
    path.write_text("\n  \n", encoding="utf-8")
    [problem] = read(path)
    assert isinstance(problem, InputError) and problem.origin == str(path) and "empty" in problem.message


def test_a_single_path_string_is_one_path():
    items = list(read_inputs(str(HERE / "txt" / "plain.txt")))
    assert [a.id for a in items] == ["plain"]


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path):
    path = tmp_path / "sep.jsonl"
    text = "First part.\u2028Second part after a line separator."
    path.write_text(json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    [article] = read(path)
    assert isinstance(article, Article) and article.text == text


def test_jsonl_line_in_another_encoding_costs_only_that_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Fine."}\n'
                     + '{"id": "b", "text": "Caf\u00e9"}\n'.encode("latin-1")
                     + b'{"id": "c", "text": "Also fine."}\n')
    items = read(path)
    assert [a.id for a in articles(items)] == ["a", "c"]
    [problem] = errors(items)
    assert problem.origin == f"{path}:2" and "UTF-8" in problem.message


def test_json_object_wrapping_a_list_of_articles(tmp_path):
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": [
        {"title": "One", "text": "The first wrapped article."},
        {"title": "Two"}]}), encoding="utf-8")
    items = read(path)
    assert [a.title for a in articles(items)] == ["One"]
    assert errors(items)[0].origin == f"{path}:articles:item 2"


def test_stdin_bytes_in_another_encoding_are_reported_per_line():
    raw = io.BytesIO(b'{"id": "s1", "text": "Good."}\n' + '{"text": "Caf\u00e9"}\n'.encode("latin-1"))
    stream = io.TextIOWrapper(raw, encoding="utf-8")
    items = read("-", stdin=stream)
    assert [a.id for a in articles(items)] == ["s1"]
    assert errors(items)[0].origin == "<stdin>:2"


def test_stdin_reads_json_lines():
    stream = io.StringIO('{"id": "s1", "text": "From standard input."}\nnot json\n')
    items = read("-", stdin=stream)
    assert [a.id for a in articles(items)] == ["s1"]
    assert articles(items)[0].origin == "<stdin>:1"
    assert errors(items)[0].origin == "<stdin>:2"


# --------------------------------------------------------------------------- HTML


def test_html_main_text_and_metadata():
    [article] = read(HERE / "html" / "harbour_fire.html")
    assert article.id == "harbour_fire"
    assert article.title == "Fire closes Port Calder harbour"
    assert article.outlet == "Northshore Ledger"
    assert article.url == "https://www.northshoreledger.example/news/harbour-fire"
    assert article.published == "2024-06-03T07:15:00Z"
    assert article.author == "Mira Osei"
    assert article.text.startswith("PORT CALDER - A fire")
    assert "nobody was hurt" in article.text
    assert "Home" not in article.text and "All rights reserved" not in article.text


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body></body></html>", encoding="utf-8")
    [problem] = read(path)
    assert isinstance(problem, InputError) and "no article text" in problem.message


# --------------------------------------------------------------------------- feeds


def test_rss_entries_become_articles():
    items = read(HERE / "feeds" / "world.rss")
    lighthouse, quotas = articles(items)
    assert lighthouse.outlet == "Coastline Gazette"
    assert lighthouse.title == "Lighthouse restored"
    assert lighthouse.url == "https://coastline-gazette.example/lighthouse"
    assert lighthouse.id.startswith("guid-") and "/" not in lighthouse.id  # a URL guid is hashed
    assert lighthouse.meta["guid"] == "https://coastline-gazette.example/?p=11"
    assert lighthouse.id != quotas.id
    assert lighthouse.published == "2024-10-07T07:30:00Z"  # +0200 converted to UTC
    assert lighthouse.author == "Iris Vane"
    assert lighthouse.text == ("The old lighthouse at Kerran Point has been restored, the heritage "
                               "trust said.\n\nVisitors can climb it from next week.")
    assert quotas.text == "Regulators cut cod quotas by a fifth for next season."
    [empty] = errors(items)
    assert empty.origin.endswith("world.rss:entry 3")


def test_atom_entry_prefers_full_content_over_summary():
    [article] = articles(read(HERE / "feeds" / "world.atom"))
    assert article.outlet == "Upland Times" and article.author == "Kai Brenner"
    assert article.id == "urn:uuid:5a1c0e10-0000-4000-8000-000000000002"  # URL-safe: kept as is
    assert article.published == "2024-10-09T08:00:00Z"
    assert article.text.startswith("The mountain road over Sella Pass reopened")
    assert "\n\nDrivers were told" in article.text


def test_xml_is_read_as_feed_only_when_it_is_one():
    assert len(articles(read(HERE / "feeds" / "world_feed.xml"))) == 2
    [problem] = read(HERE / "feeds" / "not_a_feed.xml")
    assert isinstance(problem, InputError) and "feed" in problem.message


def test_fragment_to_text_separates_paragraphs_and_unescapes():
    html = "<div><h2>Head</h2><p>One &amp; <i>two</i>.</p>\n<p>Three<br>four</p></div>"
    assert fragment_to_text(html) == "Head\n\nOne & two.\n\nThree four"


# --------------------------------------------------------------------------- WARC


def _write_warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    """A small WARC: a request record, then (url, content type, body) responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        request = writer.create_warc_record("https://site.example/", "request",
                                            payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(request)
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-09-30T11:22:33Z"})
            writer.write_record(record)


PAGE = ("<html><head><title>Dam inspection finds cracks</title></head><body><article>"
        "<h1>Dam inspection finds cracks</h1>"
        "<p>Inspectors found small cracks in the spillway of the Orrin dam during a routine check "
        "on Friday, the water board said, adding that there was no danger to nearby villages.</p>"
        "<p>Repairs will begin before the winter rains, according to the board's chief engineer, "
        "who said the work would take about a month.</p></article></body></html>").encode("utf-8")


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_html_responses_become_articles(tmp_path, name):
    path = tmp_path / name
    _write_warc(path, [("https://www.apnews.com/article/dam", "text/html; charset=utf-8", PAGE),
                       ("https://site.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00")])
    [article] = read(path)
    assert isinstance(article, Article)
    assert article.url == "https://www.apnews.com/article/dam"
    assert article.outlet == "AP"
    assert article.published == "2024-09-30T11:22:33Z"  # the page states no date: WARC-Date
    assert article.origin == f"{path}:record 2"
    assert article.text.startswith("Inspectors found small cracks")


def test_not_a_warc_is_an_error(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive at all\n")
    [problem] = read(path)
    assert isinstance(problem, InputError) and "WARC" in problem.message


# --------------------------------------------------------------------------- batches


def test_folder_is_read_recursively_in_sorted_order():
    ids = [a.id for a in articles(read(HERE / "txt"))]
    assert ids == ["inline_date", "deeper", "plain", "with_header"]  # nested/ sorts between i and p
    assert ids == [a.id for a in articles(read(HERE / "txt"))]


def test_folder_skips_hidden_and_unsupported_files(tmp_path):
    (tmp_path / "a.txt").write_text("An article.", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("a hidden article", encoding="utf-8")
    items = read(tmp_path)
    assert [a.id for a in articles(items)] == ["a"] and not errors(items)


def test_explicit_unknown_extension_and_missing_path_are_errors(tmp_path):
    odd = tmp_path / "notes.md"
    odd.write_text("hello", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("A good one.", encoding="utf-8")
    items = read(odd, tmp_path / "missing.txt", good)
    assert [a.id for a in articles(items)] == ["good"]
    unknown, missing = errors(items)
    assert unknown.origin == str(odd) and ".txt" in unknown.message  # lists what is supported
    assert missing.origin.endswith("missing.txt") and "no such file" in missing.message


@pytest.mark.parametrize("content, words", [
    (b"\x00\x01\x02binary\x00junk", "binary"),
    ("Caf\u00e9 news in Latin-1".encode("latin-1"), "UTF-8"),
    (b"   \n\n  \t\n", "no text"),
    (b"Title: Only a header\n\n", "no text"),
])
def test_bad_text_files_are_errors_and_the_batch_goes_on(tmp_path, content, words):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("This one is fine.", encoding="utf-8")
    items = read(bad, good)
    [problem] = errors(items)
    assert problem.origin == str(bad) and words in problem.message
    assert [a.id for a in articles(items)] == ["good"]


def test_published_and_outlet_fill_in_but_never_override():
    items = read(HERE / "txt" / "with_header.txt", HERE / "txt" / "plain.txt",
                 published="2023-07-07", outlet="Given Outlet")
    stated, lacking = articles(items)
    assert (stated.published, stated.outlet) == ("2024-05-21", "Valley Courier")
    assert (lacking.published, lacking.outlet) == ("2023-07-07", "Given Outlet")


def test_given_outlet_comes_before_the_url_host_and_the_url_host_before_nothing():
    assert fill_in(Article("x", url="https://www.voanews.com/a/1"), None, "Mine").outlet == "Mine"
    assert fill_in(Article("x", url="https://www.voanews.com/a/1"), None, None).outlet == "VOA"
    assert fill_in(Article("x"), None, None).outlet is None


def test_invalid_published_option_is_refused_at_once():
    with pytest.raises(ValueError, match="--published"):
        read_inputs([], published="next Tuesday-ish")


# --------------------------------------------------------------------------- dates, outlets


@pytest.mark.parametrize("given, expected", [
    ("2025-03-14 20:30:26Z", "2025-03-14T20:30:26Z"),
    ("2024-11-10", "2024-11-10"),
    ("2024-11-10T09:00:00+02:00", "2024-11-10T07:00:00Z"),
    ("14 November 2024", "2024-11-14"),
    ("Sun, 10 Nov 2024 08:30:00 GMT", "2024-11-10T08:30:00Z"),
])
def test_dates_are_normalised(given, expected):
    assert normalise_date(given) == expected


@pytest.mark.parametrize("given", ["2024-02-30", "yesterday", "", "March 3"])
def test_unreadable_dates_raise(given):
    with pytest.raises(DateError):
        normalise_date(given)


@pytest.mark.parametrize("url, outlet", [
    ("https://www.voanews.com/a/x/1.html", "VOA"),
    ("https://edition.cnn.com/2024/x", "CNN"),
    ("https://www.bbc.co.uk/news/world-1", "BBC"),
    ("https://www.timesofisrael.com/x/", "The Times of Israel"),
    ("https://www.small-town-paper.example/x", "small-town-paper.example"),
    ("not a url", None),
])
def test_outlet_from_url(url, outlet):
    assert outlet_from_url(url) == outlet


# --------------------------------------------------------------------------- shared corpus


@pytest.mark.corpus
def test_real_voa_file_reads_as_is(shared_corpus):
    items = read(shared_corpus / "voa_stories.jsonl")
    assert not errors(items)
    assert len(items) == 89
    assert all(a.id and a.outlet == "VOA" for a in items)
    assert all(normalise_date(a.published) == a.published and "T" in a.published for a in items)
    assert len({a.id for a in items}) == 89


@pytest.mark.corpus
def test_seed_with_inline_date(shared_corpus):
    seeds = {a.id: a for a in articles(read(shared_corpus / "seeds"))}
    seed = seeds["000_71fbc38e340e2622"]
    assert seed.published == "2024-11-10"
    assert seed.text.startswith("Strategic")


def test_txt_url_header_names_the_outlet_when_none_is_stated(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text("URL: https://www.aljazeera.com/news/2024/1/1/x\n\nA short article.", encoding="utf-8")
    [article] = read(path)
    assert article.outlet == "Al Jazeera"


def test_measure_tool_reports_reading_and_copy_scores(capsys, tmp_path):
    from crosswire.ingest import measure
    gold = tmp_path / "credits.jsonl"
    gold.write_text('{"text": "ROME (AP) — A story.", "credit": "AP"}\n'
                    '{"text": "Told Reuters on Monday.", "credit": "Reuters"}\n', encoding="utf-8")
    assert measure.main([str(HERE / "jsonl_articles.jsonl"), "--part", "all"]) == 0
    out = capsys.readouterr().out
    assert "read: 3 articles, 0 errors" in out
    assert "distinct articles taken for copies (false alarms): 0/3" in out
    assert "shortened copies found (first 80% kept): " in out
    assert measure.main(["--credits", str(gold)]) == 0
    assert "1/2 items right; precision 1/1, recall 1/2" in capsys.readouterr().out
