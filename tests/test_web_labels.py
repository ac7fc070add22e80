"""Human labels for codes: actors, dates, durations, event types (issue #14, item 5)."""
from __future__ import annotations

import pytest

from crosswire.web import labels
from crosswire.web.app import when


@pytest.mark.parametrize("code, label", [
    ("PAKMIL", "Pakistan military"),
    ("RUS", "Russia"),
    ("KGZGOV", "Kyrgyzstan government"),
    ("TJKCOP", "Tajikistan police"),
    ("IGOUNO", "United Nations"),        # an organisation's own name
    ("IGOWSTNAT", "NATO"),
    ("IGOUNOREF", "United Nations refugees"),  # two organisations share it: composed
    ("NGOHRI", "human rights NGO"),
    ("IGO", "international organisation"),
    ("REB", "rebels"),                  # a sector without a country
])
def test_actor_codes_read_as_words(code, label):
    assert labels.actor(code) == label


def test_an_unknown_actor_code_is_shown_as_it_is():
    assert labels.actor("QQQGOV") == "QQQGOV"
    assert labels.actor("RUSZZZ") == "RUSZZZ"
    assert labels.actor(None) == ""


@pytest.mark.parametrize("value, label", [
    ("PAST_REF", "earlier, date not given"),
    ("FUTURE_REF", "later, date not given"),
    ("P1D", "one day"),
    ("P3W", "three weeks"),
    ("PT2H", "two hours"),
    ("P40Y", "40 years"),
    ("PXY", "years"),
    ("2024-11-19TMO", "19 November 2024, morning"),
    ("2024-12", "December 2024"),
    ("2024-W45", "week 45 of 2024"),
    ("19XX", "the 20th century"),
    ("196X", "the 1960s"),
    ("not a timex", "not a timex"),
])
def test_timex_values_read_as_words(value, label):
    assert labels.timex(value) == label


def test_event_types_and_cameo_codes_have_names():
    assert labels.event_type("ASSAULT") == "attack"
    assert labels.event_type(None, "042") == "make a visit"
    assert labels.cameo_name("999") == "CAMEO 999"
    assert labels.date_basis("tense").startswith("from the verb")


def test_event_dates_for_people():
    assert when("2024-11-12", "2024-11-14") == "2024-11-12 – 2024-11-14"
    assert when(None, "2024-11-16") == "earlier, before 2024-11-16"
    assert when("PAST_REF") == "earlier, date not given"
    assert when("2025-02") == "February 2025"


@pytest.mark.parametrize("raw, shown", [
    ("killed personnel PAK 2025-03-11", "killed personnel Pakistan 11 March 2025"),
    ("killed terrorist P1D", "killed terrorist one day"),
    ("arrested uyghur", "arrested uyghur"),
    ("wounded PAST_REF", "wounded earlier, date not given"),
    ("killed CHLGOV 2024-W09", "killed Chile government week 9 of 2024"),
])
def test_conflict_topics_name_their_codes(raw, shown):
    assert labels.topic(raw) == shown
