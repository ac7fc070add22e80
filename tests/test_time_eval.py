"""The time scorer (``crosswire eval time``) and the gold sets it reads."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosswire.eval import time as time_eval
from crosswire.model import Timex

GOLD = Path(__file__).resolve().parents[1] / "gold" / "time"


def gold_timex(text, piece, value, occurrence=0, kind="DATE"):
    return time_eval.locate(text, {"text": piece, "value": value, "type": kind,
                                   "occurrence": occurrence}, "test")


def test_locate_finds_the_requested_occurrence():
    text = "Talks began in May and resumed in May 2024."
    first, second = gold_timex(text, "May", None), gold_timex(text, "May", None, occurrence=1)
    assert text[first.start:first.end] == text[second.start:second.end] == "May"
    assert second.start > first.start


def test_locate_reports_a_missing_string():
    with pytest.raises(ValueError, match="not found"):
        gold_timex("Nothing here.", "Monday", None)


def test_strict_relaxed_and_value_counts():
    text = "The strike began last week and ended on Monday."
    gold = [gold_timex(text, "last week", "2024-W45"), gold_timex(text, "Monday", "2024-11-11")]
    start = text.index("began last week")
    system = [
        Timex("began last week", start, start + len("began last week"), id="t1",
              value="2024-W45"),                          # overlaps: relaxed, not strict
        Timex("Monday", text.index("Monday"), text.index("Monday") + 6, id="t2",
              value="2024-11-04"),                        # exact span, wrong value
        Timex("strike", 4, 10, id="t3", value="2024"),    # false alarm
    ]
    tally = time_eval.score_item(gold, system, "x")
    assert (tally.gold, tally.system, tally.strict, tally.relaxed, tally.value) == (2, 3, 1, 2, 1)
    assert any("FALSE ALARM" in e for e in tally.errors)
    assert any("VALUE" in e for e in tally.errors)


def test_report_figures():
    tally = time_eval.Tally(gold=4, system=2, strict=1, relaxed=2, value=2, type=2)
    lines = time_eval.report(tally).splitlines()
    relaxed = next(line for line in lines if line.startswith("relaxed span")).split()
    # P = 2/2, R = 2/4, F1 = 2PR/(P+R)
    assert [float(x) for x in relaxed[2:]] == [1.0, 0.5, pytest.approx(0.667, abs=1e-3)]


def test_main_scores_a_small_gold_file(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    item = {"id": "g1", "published": "2024-11-14",
            "text": "The council met on Tuesday and will vote next week.",
            "timexes": [{"text": "Tuesday", "type": "DATE", "value": "2024-11-12"},
                        {"text": "next week", "type": "DATE", "value": "2024-W47"}]}
    gold.write_text(json.dumps(item) + "\n", encoding="utf-8")
    assert time_eval.main(gold, show_errors=True) == 0
    out = capsys.readouterr().out
    assert "strict span" in out and "value accuracy" in out


@pytest.mark.parametrize("name", ["dev.jsonl", "test.jsonl"])
def test_gold_sets_are_well_formed(name):
    items = time_eval.read_gold(GOLD / name)   # raises if a gold string is not in its text
    assert items
    for item in items:
        assert item["published"] is None or len(item["published"]) == 10
        for timex in item["gold"]:
            assert timex.type in ("DATE", "TIME", "DURATION", "SET")


def test_gold_sets_together_hold_at_least_forty_texts():
    count = sum(len(time_eval.read_gold(GOLD / n)) for n in ("dev.jsonl", "test.jsonl"))
    assert count >= 40
