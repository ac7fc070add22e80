"""Event dates: the timex governing the event in the parse, else its tense.

The events here are placed by hand on a chosen trigger word, so that these
tests check the dating alone, whatever the events extractor finds.
"""
from __future__ import annotations

import pytest

from crosswire.extract import Pipeline
from crosswire.extract.event_dates import make_event_dates
from crosswire.extract.pipeline import Context
from crosswire.model import Article, Event, Plover, Span, check_record


@pytest.fixture(scope="module")
def time_only(pipeline):
    # The shared spaCy model, with only the components event dates read.
    return Pipeline(components=("sentences", "timexes"), nlp=pipeline.nlp)


@pytest.fixture(scope="module")
def date_events(time_only):
    """date_events(text, triggers, published) -> {trigger: EventDate}.

    A trigger is a word of the text, or (word, occurrence) when it repeats;
    with "!" in front it is marked planned.
    """
    run_event_dates = make_event_dates({})

    def run(text, triggers, published="2024-11-14"):
        article = Article(text=text, published=published)
        doc, dateline = next(time_only.nlp.parse_many([article]))
        record = time_only.extract(article, doc, dateline)
        ctx = Context(article=article, doc=doc, record=record)
        for number, trigger in enumerate(triggers, 1):
            word = trigger.lstrip("!")
            start = text.index(word)
            record.events.append(Event(
                id=f"v{number}", sentence=ctx.sentence_index(start),
                trigger=Span(word, start, start + len(word)), cameo="040",
                plover=Plover("CONSULT"),
                modality="planned" if trigger.startswith("!") else "asserted"))
        run_event_dates(ctx)
        assert not check_record(record.to_dict())
        return {e.trigger.text: e.date for e in record.events}
    return run


def test_timex_on_the_same_verb_dates_a_noun_trigger(date_events):
    dates = date_events("The envoy made a secret visit to Moscow last week, a radio station "
                        "reported on Sunday.", ["visit"])
    visit = dates["visit"]
    assert (visit.value, visit.start, visit.end, visit.basis) == \
        ("2024-W45", "2024-11-04", "2024-11-10", "timex")
    assert visit.timex == "t1"


def test_reporting_verb_date_is_not_the_event_date(date_events):
    dates = date_events("Rebels attacked the convoy, the army said on Tuesday.", ["attacked"])
    assert dates["attacked"].basis == "tense"
    assert dates["attacked"].value == "PAST_REF"


def test_day_timex_gives_that_day(date_events):
    dates = date_events("Russian officials visited Ankara on Oct. 27 to discuss the plan.",
                        ["visited"])
    assert (dates["visited"].value, dates["visited"].start, dates["visited"].end) == \
        ("2024-10-27", "2024-10-27", "2024-10-27")


def test_planned_event_takes_its_future_day(date_events):
    dates = date_events("The minister will depart on Sunday for a four-day visit to Rome.",
                        ["depart", "!visit"], published="2024-11-10")
    assert dates["depart"].value == "2024-11-10"
    assert dates["visit"].value == "2024-11-10"


def test_since_gives_an_open_interval(date_events):
    dates = date_events("More than 40 soldiers have been killed since Oct. 1 in the hills.",
                        ["killed"])
    killed = dates["killed"]
    assert (killed.value, killed.start, killed.end, killed.basis) == \
        (None, "2024-10-01", "2024-11-14", "timex")


def test_durations_do_not_date_events(date_events):
    dates = date_events("The army shelled the town for six weeks.", ["shelled"])
    assert dates["shelled"].basis == "tense"


@pytest.mark.parametrize("text, trigger, value, start, end", [
    ("Police arrested the protest leaders near the stadium.", "arrested",
     "PAST_REF", None, "2024-11-14"),
    ("The two leaders will meet in Geneva.", "meet", "FUTURE_REF", "2024-11-14", None),
    ("The group said it would withdraw its fighters.", "withdraw",
     "FUTURE_REF", "2024-11-14", None),
    ("Both armies are fighting near the river.", "fighting",
     "PRESENT_REF", "2024-11-14", "2024-11-14"),
])
def test_tense_interval_without_timex(date_events, text, trigger, value, start, end):
    date = date_events(text, [trigger])[trigger]
    assert (date.value, date.start, date.end, date.basis, date.timex) == \
        (value, start, end, "tense", None)


def test_no_publication_date_gives_no_bounds(date_events):
    dates = date_events("Police arrested the protest leaders on Monday.", ["arrested"],
                        published=None)
    arrested = dates["arrested"]
    # "Monday" has no value without a publication date, so the tense decides.
    assert (arrested.value, arrested.basis, arrested.start, arrested.end) == \
        ("PAST_REF", "tense", None, None)


def test_timex_in_another_sentence_is_not_used(date_events):
    dates = date_events("The talks ended on Tuesday. Troops then attacked the border post.",
                        ["attacked"])
    assert dates["attacked"].basis == "tense"


def test_seed_event_dates_in_full_pipeline(shared_corpus, pipeline):
    """Every event gets a date with an explained basis; dated ones point at a timex."""
    text = (shared_corpus / "seeds" / "004_cb30198277376439.txt").read_text(encoding="utf-8")
    record = pipeline(Article(text=text, published="2024-11-14", id="seed-004"))
    timex_ids = {t.id for t in record.timexes}
    for event in record.events:
        assert event.date is not None and event.date.basis in ("timex", "tense", "publication")
        if event.date.basis == "timex":
            assert event.date.timex in timex_ids
