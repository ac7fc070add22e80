"""Event locations: the place a sentence gives for an event."""
from __future__ import annotations

from crosswire.extract import Pipeline
from crosswire.extract.event_locations import locate
from crosswire.extract.pipeline import Context
from crosswire.model import ActorRef, Article, Event, Plover, Span, check_record

# Everything event_locations reads (events themselves are added by hand, so
# these tests do not depend on the event extractor's choices).
UPSTREAM = ("sentences", "entities", "timexes", "places")


def context_for(text: str) -> Context:
    pipeline = Pipeline(UPSTREAM)
    doc, dateline = next(pipeline.nlp.parse_many([Article(text=text)]))
    record = pipeline.extract(Article(text=text), doc, dateline)
    return Context(article=Article(text=text), doc=doc, record=record)


def event_on(ctx: Context, trigger: str, target: str | None = None) -> Event:
    start = ctx.text.index(trigger)
    ref = None
    if target:
        t = ctx.text.index(target)
        ref = ActorRef(target, t, t + len(target))
    return Event(id=f"v{len(ctx.record.events) + 1}", sentence=ctx.sentence_index(start),
                 trigger=Span(trigger, start, start + len(trigger)), cameo="040",
                 plover=Plover("CONSULT"), target=ref)


def place_text(ctx: Context, event: Event) -> str | None:
    place = locate(ctx, event)
    return place.text if place else None


def test_preposition_ties_the_place_to_the_trigger():
    ctx = context_for("The two envoys met in Doha on Monday to discuss a truce.")
    assert place_text(ctx, event_on(ctx, "met")) == "Doha"


def test_visit_to_a_city_is_located_there():
    ctx = context_for("The minister began a three-day visit to Ankara on Sunday.")
    assert place_text(ctx, event_on(ctx, "visit")) == "Ankara"


def test_place_of_another_sentence_is_not_used():
    ctx = context_for("Officials met on Monday. Later, rockets fell in Haifa.")
    assert place_text(ctx, event_on(ctx, "met")) is None
    assert place_text(ctx, event_on(ctx, "fell")) == "Haifa"


def test_target_is_not_the_location():
    ctx = context_for("Washington put pressure on Israel during talks in Cairo.")
    assert place_text(ctx, event_on(ctx, "pressure", target="Israel")) == "Cairo"


def test_component_fills_event_location_with_a_place_id():
    pipeline = Pipeline(UPSTREAM + ("event_locations",))
    text = "Jets struck targets in Tyre overnight."
    doc, dateline = next(pipeline.nlp.parse_many([Article(text=text)]))
    record = pipeline.extract(Article(text=text), doc, dateline)
    ctx = Context(article=Article(text=text), doc=doc, record=record)
    record.events.append(event_on(ctx, "struck"))
    pipeline.steps[-1][1](ctx)
    tyre = next(p for p in record.places if p.text == "Tyre")
    assert record.events[0].location == tyre.id
    assert not check_record(record.to_dict())
