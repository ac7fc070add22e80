"""Time expressions: finding them, their spans, and their TIMEX3 values.

Texts are short invented sentences; publication dates are chosen so that
weekdays and ISO weeks are easy to check by hand (2024-11-14 is a Thursday,
2024-11-10 a Sunday).
"""
from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings, strategies as st

from crosswire.extract.timex_calendar import (
    FUTURE, PAST, month_day_year, season_year, value_bounds, week_bounds, weekday_near)
from crosswire.extract.timexes import find_timexes
from crosswire.model import Article


def timexes_of(extract_text, text, published="2024-11-14"):
    record = extract_text(text, published=published)
    return {t.text: t for t in record.timexes}


def value_of(extract_text, text, expression, published="2024-11-14"):
    found = timexes_of(extract_text, text, published)
    assert expression in found, f"{expression!r} not found; got {sorted(found)}"
    return found[expression].value


# --------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize("text, expression, value", [
    ("Troops crossed the river on Oct. 27, officials said.", "Oct. 27", "2024-10-27"),
    ("The accord was signed on 27 October 2023 in Cairo.", "27 October 2023", "2023-10-27"),
    ("The accord was signed on October 27, 2023, in Cairo.", "October 27, 2023", "2023-10-27"),
    # Tokenised text (a space before the comma) is still one date with its year.
    ("GENEVA , October 27 , 2023 - Talks resumed in the city.", "October 27 , 2023", "2023-10-27"),
    ("The talks ended on 27 October , 2023 without a deal.", "27 October , 2023", "2023-10-27"),
    ("Ballots cast on 11/5 were counted by hand.", "11/5", "2024-11-05"),
    ("The filing is dated 2024-11-05 in the register.", "2024-11-05", "2024-11-05"),
    ("The rally took place on Sunday, Nov. 10, in the square.", "Sunday, Nov. 10", "2024-11-10"),
    ("Fighting has continued since October 2023 in the valley.", "October 2023", "2023-10"),
    ("The dam was finished in 1998 after long delays.", "1998", "1998"),
    ("The factory closed in the 1990s.", "the 1990s", "199"),
    ("Output fell in the first quarter of 2024.", "the first quarter of 2024", "2024-Q1"),
    ("The reservoir was full in the summer of 2022.", "the summer of 2022", "2022-SU"),
    ("Prices rose sharply in late 2023.", "late 2023", "2023"),
])
def test_absolute_dates(extract_text, text, expression, value):
    assert value_of(extract_text, text, expression) == value


def test_numbers_that_are_not_years_are_ignored(extract_text):
    found = timexes_of(extract_text, "The agency counted 2,019 tents and $2024 in cash.")
    assert not found


# --------------------------------------------------------------------------- weekdays and tense


def test_past_tense_weekday_is_the_last_one(extract_text):
    # Published Thursday 2024-11-14: "said Tuesday" is two days before.
    assert value_of(extract_text, "The minister said Tuesday that talks had stalled.",
                    "Tuesday") == "2024-11-12"


def test_future_weekday_is_the_next_one(extract_text):
    assert value_of(extract_text, "The minister will travel to Oslo on Tuesday.",
                    "Tuesday") == "2024-11-19"


@pytest.mark.parametrize("text", [
    "The envoy will depart on Sunday for a three-day visit.",
    "A radio station reported on Sunday that the envoy had left.",
])
def test_weekday_equal_to_publication_day_is_that_day(extract_text, text):
    # Published on a Sunday, both tenses mean the same Sunday.
    assert value_of(extract_text, text, "Sunday", published="2024-11-10") == "2024-11-10"


def test_scheduled_present_looks_ahead(extract_text):
    assert value_of(extract_text, "The summit opens on Monday in Accra.", "Monday") == "2024-11-18"


def test_reported_would_looks_ahead_for_a_weekday(extract_text):
    text = "The mayor said the bridge would reopen on Saturday."
    assert value_of(extract_text, text, "Saturday") == "2024-11-16"


def test_weekday_with_part_of_day(extract_text):
    found = timexes_of(extract_text, "Shelling resumed on Tuesday night near the port.")
    assert (found["Tuesday night"].type, found["Tuesday night"].value) == ("TIME", "2024-11-12TNI")


def test_last_and_next_weekday(extract_text):
    found = timexes_of(extract_text, "Voting began last Thursday and ends next Thursday.")
    assert found["last Thursday"].value == "2024-11-07"
    assert found["next Thursday"].value == "2024-11-21"


# --------------------------------------------------------------------------- relative dates


@pytest.mark.parametrize("text, expression, value", [
    ("The envoy made a quiet trip to Moscow last week.", "last week", "2024-W45"),
    ("Negotiators met twice this week in Doha.", "this week", "2024-W46"),
    ("The council voted earlier this month to cut the budget.", "earlier this month", "2024-11"),
    ("Exports dropped last month, the ministry said.", "last month", "2024-10"),
    ("Elections are due next year, the court ruled.", "next year", "2025"),
    ("The ship docked three days ago at the port.", "three days ago", "2024-11-11"),
    ("The storm hit the coast yesterday afternoon.", "yesterday afternoon", "2024-11-13TAF"),
    ("The law took effect in March last year.", "March last year", "2023-03"),
])
def test_relative_dates(extract_text, text, expression, value):
    assert value_of(extract_text, text, expression) == value


def test_month_alone_follows_tense(extract_text):
    past = value_of(extract_text, "The general resigned in January after the defeat.", "January")
    future = value_of(extract_text, "The general will resign in January, aides say.", "January")
    assert (past, future) == ("2024-01", "2025-01")


def test_month_day_without_year_follows_tense(extract_text):
    past = value_of(extract_text, "Rebels seized the town on Dec. 2.", "Dec. 2")
    future = value_of(extract_text, "Rebels will hand back the town on Oct. 2.", "Oct. 2")
    assert (past, future) == ("2023-12-02", "2025-10-02")


def test_limit_after_past_verb_takes_the_nearest_date(extract_text):
    text = "The government delayed the levy for three weeks until Dec. 1."
    assert value_of(extract_text, text, "Dec. 1") == "2024-12-01"


def test_seasons_by_shift(extract_text):
    found = timexes_of(extract_text, "Sales fell last winter and should recover this spring.")
    assert found["last winter"].value == "2023-WI"
    assert found["this spring"].value == "2025-SP"


def test_quarter_without_year_follows_tense(extract_text):
    assert value_of(extract_text, "Profits fell in the third quarter.", "the third quarter") \
        == "2024-Q3"


def test_anaphoric_day_uses_the_last_day_mentioned(extract_text):
    text = "The ceasefire began on Oct. 3 and collapsed the next day."
    assert value_of(extract_text, text, "the next day") == "2024-10-04"


def test_clock_time_takes_the_day_after_it(extract_text):
    text = "The vote closed at 8 p.m. Sunday, officials said."
    assert value_of(extract_text, text, "8 p.m.") == "2024-11-10T20:00"


def test_anchored_famous_date_in_context(extract_text):
    text = "Relations between Israel and Moscow have soured since October 7."
    assert value_of(extract_text, text, "October 7", published="2024-11-10") == "2023-10-07"


def test_unanchored_month_day_uses_tense_without_context(extract_text):
    text = "Farmers have protested since October 7 over grain prices."
    assert value_of(extract_text, text, "October 7", published="2024-11-10") == "2024-10-07"


# --------------------------------------------------------------------------- durations, sets, refs


@pytest.mark.parametrize("text, expression, kind, value", [
    ("The army will hold the zone for an initial 60-day period.", "60-day period", "DURATION", "P60D"),
    ("The strike ended six weeks after it began.", "six weeks", "DURATION", "P6W"),
    ("The siege lasted more than 30 hours.", "more than 30 hours", "DURATION", "PT30H"),
    ("The dispute has simmered for several years.", "several years", "DURATION", "PXY"),
    ("Cases doubled over the past two weeks.", "the past two weeks", "DURATION", "P2W"),
    ("Protesters gather every Friday outside the court.", "every Friday", "SET", "XXXX-WXX-5"),
    ("The committee meets twice a month.", "twice a month", "SET", "P1M"),
    ("The ministry is now reviewing the plan.", "now", "DATE", "PRESENT_REF"),
    ("Attacks have recently increased in the north.", "recently", "DATE", "PAST_REF"),
    ("Officials hope to reopen the crossing in the future.", "the future", "DATE", "FUTURE_REF"),
])
def test_durations_sets_and_references(extract_text, text, expression, kind, value):
    found = timexes_of(extract_text, text)
    assert (found[expression].type, found[expression].value) == (kind, value)


@pytest.mark.parametrize("text", [
    "A 45-year-old man was detained.",           # ages are not durations of events
    "Prices fall when supply rises.",            # "fall" the verb is not a season
    "Protesters recalled the fall of the regime.",
    "She said it would begin a second phase.",   # "a second" is not one second
    "Three-quarters of voters backed the plan.",
])
def test_false_friends_are_not_timexes(extract_text, text):
    assert not timexes_of(extract_text, text)


def test_month_words_need_capitals_and_cues(extract_text):
    found = timexes_of(extract_text, "Officials may march to the palace. In May the vote failed.")
    assert list(found) == ["May"]


# --------------------------------------------------------------------------- no publication date


def test_without_publication_date_only_absolute_values(extract_text):
    text = "The treaty was signed on 3 May 2001 and revised last week for two years."
    found = timexes_of(extract_text, text, published=None)
    assert found["3 May 2001"].value == "2001-05-03"
    assert found["last week"].value is None          # kept, but not guessed
    assert found["two years"].value == "P2Y"         # a duration is absolute


def test_ids_offsets_and_types(extract_text):
    text = "On Monday, the court ruled. Last week the appeal was filed.\n\nIn 2023 it began."
    record = extract_text(text)
    ids = [t.id for t in record.timexes]
    assert ids == [f"t{i}" for i in range(1, len(ids) + 1)]
    for t in record.timexes:
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


# --------------------------------------------------------------------------- calendar


def test_week_bounds_are_monday_to_sunday():
    assert week_bounds("2024-W45") == (date(2024, 11, 4), date(2024, 11, 10))
    assert week_bounds("2025-W01") == (date(2024, 12, 30), date(2025, 1, 5))


@pytest.mark.parametrize("value, first, last", [
    ("2024-11", date(2024, 11, 1), date(2024, 11, 30)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
    ("2024-11-10TNI", date(2024, 11, 10), date(2024, 11, 10)),
    ("199", date(1990, 1, 1), date(1999, 12, 31)),
    ("18", date(1800, 1, 1), date(1899, 12, 31)),
    ("2024-WI", date(2024, 12, 1), date(2025, 2, 28)),
    ("2024-SU", date(2024, 6, 1), date(2024, 8, 31)),
    ("2024-W45-WE", date(2024, 11, 9), date(2024, 11, 10)),
])
def test_value_bounds(value, first, last):
    assert value_bounds(value) == (first, last)


def test_value_bounds_of_non_calendar_values():
    assert value_bounds("P60D") is None and value_bounds("PAST_REF") is None


def test_weekday_near_and_month_day_year():
    thursday = date(2024, 11, 14)
    assert weekday_near(thursday, 2, PAST) == date(2024, 11, 12)
    assert weekday_near(thursday, 2, FUTURE) == date(2024, 11, 19)
    assert month_day_year(thursday, 12, 25, PAST) == 2023
    assert month_day_year(thursday, 12, 25, FUTURE) == 2024


def test_season_year_from_january():
    january = date(2024, 1, 20)
    assert season_year(january, "SU", 0) == 2024     # "this summer" is the coming one
    assert season_year(january, "WI", 0) == 2023     # the winter we are in began in 2023
    assert season_year(january, "SU", -1) == 2023


# --------------------------------------------------------------------------- seeds


def test_seed_timex_expectations(shared_corpus, pipeline):
    """Every timex the seed expectations list is found with an accepted value."""
    expectations = json.loads((shared_corpus.parent / "gold" / "seed-expectations.json")
                              .read_text(encoding="utf-8"))["articles"]
    for name, wanted in expectations.items():
        text = (shared_corpus / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
        text = text.replace(" date 2024-11-10 ", "", 1) if text.startswith(" date ") else text
        record = pipeline(Article(text=text, published=wanted["published"], id=name))
        for want in wanted["timexes"]:
            assert any(want["text"].lower() in t.text.lower() and t.value in want["value_in"]
                       for t in record.timexes), (name, want)


# --------------------------------------------------------------------------- robustness

_TIME_WORDS = ["Oct.", "27", "2024", "last", "week", "Monday", "in", "May", "the", "past", "two",
               "years", "ago", "a", "day", "every", "Friday", "night", "since", "11/5", "now",
               "-", ",", "mid-", "60-day", "period", "of", "next", "summer", "Christmas"]


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.sampled_from(_TIME_WORDS), max_size=12),
       published=st.sampled_from([None, "2024-11-14", "2024-12-31T23:59:00Z", "bogus"]))
def test_any_word_salad_gives_true_offsets(words, published):
    text = " ".join(words)
    for found in find_timexes(text, published):
        assert text[found.start:found.end] == found.text
        assert found.type in ("DATE", "TIME", "DURATION", "SET")
