"""The crosswire.article/1 contract on everything the pipeline produces:
offsets match the text, ids are unique, references resolve, records survive
a JSON round trip. Checked on the example corpus, on hand-written tricky
texts, and on random text (hypothesis)."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.extract import Failure
from crosswire.ingest import read_inputs
from crosswire.model import Article, InputError, check_record, record_from_dict

TRICKY = {
    "curly quotes and em dashes": (
        "BELGRADE — “We will not pay a single euro,” Prime Minister Dragan Milić said on "
        "Thursday. ‘It’s over,’ an aide added — quietly."),
    "emoji and astral characters": (
        "Protesters 🙂 waved flags 🇭🇺🇷🇸 outside the ministry on Monday, police said. "
        "At least 3 people were hurt 𝔞𝔫𝔡 taken to hospital."),
    "combining accents": "Cafe\u0301 owners in Pe\u0301cs said the strike had cost them 40 percent.",
    "dateline with agency": (
        "KYIV, Ukraine (CPA) - Officials said on Tuesday that 12 people were killed when "
        "a missile struck a market, the regional governor said."),
    "only a dateline": "TEL AVIV - ",
    "empty-ish sentences": "...\n\n— \n\n!!! ?\n\n“”",
    "one word": "Reportedly.",
    "no final punctuation": "The minister denied that talks had failed according to officials",
    "many newlines and tabs": "\n\n\tThe union said\t\tabout 4,000 workers joined.\r\n\r\nIt ended.\n",
    "numbers and dates": (
        "Between 10 and 15 soldiers were wounded on 3/4/2024, and more than 2,500 fled by "
        "March 2024, the U.N. said on Nov. 12."),
    "nested attribution": (
        "The Harbor Gazette reported that officials said the army had withdrawn, a claim the "
        "ministry denied on Friday."),
    "right-to-left text": "قال المتحدث إن 5 أشخاص قتلوا. The spokesman said five people died.",
}


def assert_contract(record) -> None:
    data = record.to_dict()
    problems = check_record(data)
    assert not problems, "\n".join(problems)
    again = record_from_dict(json.loads(json.dumps(data, ensure_ascii=False))).to_dict()
    assert again == data, "record does not survive a JSON round trip"


def test_every_example_corpus_record_keeps_the_contract(pipeline, example_corpus):
    results = list(pipeline.run(read_inputs([example_corpus])))
    problems = [str(r) for r in results if isinstance(r, (Failure, InputError))]
    assert not problems, problems
    assert len(results) >= 10
    for record in results:
        assert_contract(record)
    ids = [r.id for r in results]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_tricky_texts_keep_the_contract(pipeline, name):
    text = TRICKY[name]
    record = pipeline(Article(text=text, published="2024-11-14", id=name))
    assert record.text == text  # the record's text is the input, untouched
    assert_contract(record)


def test_record_offsets_are_code_points_not_bytes(extract_text):
    record = extract_text("🙂🙂 Officials in Kyiv said on Monday that 7 people were killed.")
    for _path, span in record.spans():
        assert record.text[span["start"]:span["end"]] == span["text"]


def test_an_article_without_a_date_still_extracts(extract_text):
    record = extract_text("Officials said talks would resume next week in Geneva.", published=None)
    assert record.published is None


# Random text: words, punctuation, digits, capitals and odd characters mixed.
_word = st.sampled_from(["the", "minister", "said", "Kyiv", "Monday", "killed", "12", "at least",
                         "according to", "denied", "“", "”", "—", "-", ".", ",", "\n", "🙂",
                         "BEIRUT", "(AP)", "last week", "Varga", "visited", "Serbia", "'s"])
random_text = st.one_of(
    st.lists(_word, min_size=1, max_size=40).map(" ".join),
    st.text(min_size=1, max_size=200),
)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=random_text)
def test_random_text_keeps_the_contract(pipeline, text):
    if not text.strip():
        return  # an empty article is an input error, never reaches the pipeline
    record = pipeline(Article(text=text, published="2024-11-14"))
    assert record.text == text
    assert_contract(record)


# --------------------------------------------------------------------------- shared corpus


def run_shared_checker(tool, records_path) -> str:
    import subprocess
    import sys
    result = subprocess.run([sys.executable, str(tool), str(records_path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    return result.stdout


@pytest.mark.corpus
def test_seed_records_pass_the_shared_contract_checker(cli, shared_corpus, tmp_path):
    seeds = shared_corpus / "seeds"
    out = tmp_path / "seeds.jsonl"
    with out.open("w", encoding="utf-8") as sink:
        for seed in sorted(seeds.glob("*.txt")):
            # A seed without a date line is published 2024-11-14 (seed-expectations.json).
            result = cli("extract", seed, "--published", "2024-11-14")
            assert result.exit_code == 0, result.stderr
            sink.write(result.stdout)
    report = run_shared_checker(shared_corpus.parent / "tools" / "check_records.py", out)
    assert report.strip().splitlines()[-1].endswith(" 0 problems")


@pytest.mark.corpus
def test_voa_stories_from_stdin_pass_the_shared_contract_checker(cli, shared_corpus, tmp_path):
    lines = (shared_corpus / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines()[:12]
    result = cli("extract", "-", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "voa.jsonl"
    out.write_text(result.stdout, encoding="utf-8")
    assert len(result.stdout.splitlines()) == 12
    report = run_shared_checker(shared_corpus.parent / "tools" / "check_records.py", out)
    assert report.strip().splitlines()[-1].endswith(" 0 problems")
