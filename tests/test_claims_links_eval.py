"""claim_links (events and figures -> the claim asserting them) and the
claims scorer (crosswire.eval.claims)."""
from __future__ import annotations

import json

import pytest

from crosswire.eval import claims as scorer
from crosswire.extract.claim_links import make_claim_links
from crosswire.extract.pipeline import Context
from crosswire.model import (Article, Claim, ClaimSource, Event, Plover, Quantity, Record, Span,
                             check_record)

# An outlet relays an official who gives a figure; the outlet's own sentence
# holds an event too.
TEXT = ("Radio Vela reported that a police official said 14 people were killed when the "
        "bridge collapsed. Crews cleared the road later.")


def span(text: str, needle: str, occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return Span(needle, start, start + len(needle))


def claim(cid: str, source: str, cue: str, content: str, cited_by=None) -> Claim:
    s = span(TEXT, source)
    return Claim(id=cid, source=ClaimSource(s.text, s.start, s.end, kind="outlet"),
                 cue=span(TEXT, cue), content=span(TEXT, content), cited_by=cited_by)


def event(eid: str, trigger: str) -> Event:
    return Event(id=eid, sentence=0, trigger=span(TEXT, trigger), cameo="010",
                 plover=Plover("OTHER"))


@pytest.fixture
def linked_record() -> Record:
    record = Record(id="r", text=TEXT, sentences=[(0, 98), (99, len(TEXT))])
    record.claims = [
        claim("c1", "Radio Vela", "reported", "a police official said 14 people were killed when "
                                               "the bridge collapsed"),
        claim("c2", "a police official", "said", "14 people were killed when the bridge collapsed",
              cited_by="c1"),
    ]
    record.events = [event("v1", "said"), event("v2", "collapsed"), event("v3", "cleared"),
                     event("v4", "killed")]
    q = span(TEXT, "14 people")
    record.quantities = [Quantity(q.text, q.start, q.end, id="q1", value=14, category="killed")]
    record.events[3].claim = "c1"  # set earlier by someone else: kept
    ctx = Context(article=Article(text=TEXT), doc=None, record=record)
    make_claim_links({})(ctx)
    return record


def test_innermost_claim_wins(linked_record):
    by_id = {e.id: e for e in linked_record.events}
    assert by_id["v2"].claim == "c2"
    assert linked_record.quantities[0].claim == "c2"


def test_attribution_words_are_not_their_own_claim(linked_record):
    by_id = {e.id: e for e in linked_record.events}
    # "said" is the cue of c2 but lies in c1's content: the outlet reports the saying.
    assert by_id["v1"].claim == "c1"


def test_outside_any_content_and_existing_links(linked_record):
    by_id = {e.id: e for e in linked_record.events}
    assert by_id["v3"].claim is None
    assert by_id["v4"].claim == "c1"
    assert not check_record(linked_record.to_dict())


def test_pipeline_links_figures_to_claims(extract_text):
    rec = extract_text("Hospital officials said 30 people were wounded in the shelling of the "
                       "market.")
    ids = {c.id for c in rec.claims}
    assert ids
    for item in rec.quantities:
        if any(c.content.start <= item.start < c.content.end for c in rec.claims):
            assert item.claim in ids


# --------------------------------------------------------------------------- scorer


GOLD_TEXT = ("The coast guard said two boats capsized off the cape. “We found nine survivors,” "
             "a rescuer said.")


def write_gold(tmp_path, claims):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "g1", "text": GOLD_TEXT, "claims": claims}) + "\n",
                    encoding="utf-8")
    return path


GOLD_CLAIMS = [
    {"source": "The coast guard", "cue": "said", "content": "two boats capsized off the cape",
     "kind": "organization", "quote": "indirect"},
    {"source": "a rescuer", "cue": "said", "content": "We found nine survivors",
     "kind": "anonymous", "quote": "direct"},
]


def test_gold_spans_are_located_near_each_other(tmp_path):
    paragraph = scorer.read_gold(write_gold(tmp_path, GOLD_CLAIMS))[0]
    second = paragraph["gold"][1]
    assert GOLD_TEXT[slice(*second.cue)] == "said"
    assert second.cue[0] == GOLD_TEXT.rindex("said")  # the "said" next to its content


def test_scores_perfect_and_partial_predictions(tmp_path):
    gold = scorer.read_gold(write_gold(tmp_path, GOLD_CLAIMS))[0]["gold"]
    perfect = [{"cue": g.cue, "source": g.source, "content": g.content, "kind": g.kind,
                "quote": g.quote} for g in gold]
    scores = scorer.Scores()
    scorer.score_paragraph(gold, perfect, scores)
    assert scores.exact["content"].prf() == (1.0, 1.0, 1.0)
    # One content off by its last word: exact misses it, overlap still pairs it.
    shorter = dict(perfect[0], content=(perfect[0]["content"][0], perfect[0]["content"][1] - 9))
    scores = scorer.Scores()
    scorer.score_paragraph(gold, [shorter, perfect[1]], scores)
    assert scores.exact["content"].prf()[2] == pytest.approx(0.5)
    assert scores.overlap["content"].prf()[2] == pytest.approx(1.0)
    assert scores.exact["cue"].prf()[2] == pytest.approx(1.0)


def test_bad_gold_span_is_reported(tmp_path, capsys):
    bad = [dict(GOLD_CLAIMS[0], content="words that are not there")]
    assert scorer.main(write_gold(tmp_path, bad)) == 2
    assert "not in text" in capsys.readouterr().out


def test_main_prints_figures_for_every_part(tmp_path, capsys):
    assert scorer.main(write_gold(tmp_path, GOLD_CLAIMS), show_errors=True) == 0
    out = capsys.readouterr().out
    for part in ("cue", "source", "content"):
        assert f"{part:8} exact" in out and f"{part:8} overlap" in out
