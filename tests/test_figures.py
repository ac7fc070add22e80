"""Figures: casualty and other counts with qualifier, unit, place and period."""
from __future__ import annotations

import json

import pytest

from crosswire.extract.figure_numbers import parse_number


def figures(record):
    return {(q.value, q.category, q.approx) for q in record.quantities}


@pytest.mark.parametrize("text, value", [
    ("3,300", 3300), ("1.2 million", 1_200_000), ("six", 6), ("two dozen", 24),
    ("forty", 40), ("12", 12), ("2.5", 2.5), ("banana", None),
])
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_killed_and_wounded_with_their_units(extract_text):
    rec = extract_text("A car bomb in the market killed 17 shoppers and wounded 42 others.")
    assert figures(rec) == {(17, "killed", "exact"), (42, "wounded", "exact")}
    shoppers = next(q for q in rec.quantities if q.value == 17)
    assert shoppers.unit == "shoppers" and shoppers.text == "17 shoppers"


@pytest.mark.parametrize("sentence, expected", [
    ("More than 2,100 people have been killed since the spring.", (2100, "killed", "more_than")),
    ("At least 9 fishermen are missing after the storm.", (9, "missing", "at_least")),
    ("Nearly 450,000 residents have been displaced by the floods.", (450000, "displaced", "about")),
    ("Police arrested up to 60 protesters outside the court.", (60, "arrested", "up_to")),
    ("Fewer than 30 soldiers were wounded in the clashes.", (30, "wounded", "less_than")),
    ("Roughly 80 of its fighters died in the battle.", (80, "killed", "about")),
])
def test_qualifiers_and_categories(extract_text, sentence, expected):
    assert expected in figures(extract_text(sentence))


def test_bounds_follow_the_qualifier(extract_text):
    more = extract_text("More than 500 villagers were killed.").quantities[0]
    assert (more.low, more.high) == (500, None)
    most = extract_text("Up to 40 miners are missing.").quantities[0]
    assert (most.low, most.high) == (None, 40)


def test_ranges_keep_both_ends(extract_text):
    rec = extract_text("Between 20 and 35 people were killed in the landslide.")
    [q] = rec.quantities
    assert (q.approx, q.low, q.high, q.category) == ("range", 20, 35, "killed")


def test_displacement_from_homes_and_other_phrasings(extract_text):
    rec = extract_text("The shelling killed 8 civilians and forced some 12,000 people from their homes. "
                       "The death toll later rose to 57. Another 14 people were taken to hospital.")
    got = figures(rec)
    assert {(8, "killed", "exact"), (12000, "displaced", "about"), (57, "killed", "exact"),
            (14, "wounded", "exact")} <= got


def test_sub_counts_and_adjectives_after_the_number(extract_text):
    rec = extract_text("Thirty soldiers have been killed since March, including four on Friday. "
                       "The ferry sank, leaving 12 dead and 30 missing.")
    got = figures(rec)
    assert {(4, "killed", "exact"), (12, "killed", "exact"), (30, "missing", "exact")} <= got


def test_other_counts_of_people_and_materiel(extract_text):
    rec = extract_text("The ministry deployed 2,500 troops and 40 tanks to the frontier.")
    assert figures(rec) == {(2500, "other", "exact"), (40, "other", "exact")}


@pytest.mark.parametrize("sentence", [
    "The 2006 war ended under Resolution 1701 with a 60-day truce.",
    "The fund gave $45 million, or 12 percent of its budget, at 3 p.m. on June 4.",
    "A 27-year-old man was arrested, the third such case, Channel 12 said.",
    "Three officials said the plan had two phases and would take six weeks.",
])
def test_non_figures_are_ignored(extract_text, sentence):
    assert extract_text(sentence).quantities == []


def test_place_of_a_figure(extract_text):
    rec = extract_text("An airstrike killed 11 people in Sidon overnight.")
    [q] = rec.quantities
    sidon = next(p for p in rec.places if p.text == "Sidon")
    assert q.place == sidon.id


def test_seed_figure_expectations(shared_corpus, pipeline):
    from crosswire.model import Article
    expectations = json.loads((shared_corpus.parent / "gold" / "seed-expectations.json").read_text())
    for name, wants in expectations["articles"].items():
        if not wants.get("quantities"):
            continue
        text = (shared_corpus / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
        record = pipeline(Article(text=text, published=wants["published"], id=name))
        got = [(q.value, q.category, q.approx) for q in record.quantities]
        for want in wants["quantities"]:
            assert any(v == want["value"] and c == want["category"]
                       and a == want.get("approx", a) for v, c, a in got), f"{name}: {want}"
        # nothing from years, resolutions or durations in the same text
        assert not {2006, 1701, 60} & {q.value for q in record.quantities}


def test_period_and_place_of_a_figure_hang_off_its_phrase(extract_text):
    rec = extract_text("Four soldiers were killed on Tuesday in Kherson, the army said.")
    [q] = rec.quantities
    timexes = {t.id: t.text for t in rec.timexes}
    places = {p.id: p.text for p in rec.places}
    assert timexes.get(q.period) == "Tuesday"
    assert places.get(q.place) == "Kherson"
