"""Builders for hand-made article records in the contract's JSON shape
(used by the linking, comparison and export tests; holds no tests itself)."""
from __future__ import annotations

import re

from crosswire.model import check_record


def span(text: str, phrase: str, nth: int = 0) -> dict:
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    start = starts[nth]
    return {"text": phrase, "start": start, "end": start + len(phrase)}


def actor(name, country=None, code=None):
    return {"name": name, "code": code, "country": country,
            "sector": code[3:6] if code and len(code) >= 6 else None, "role": None}


def make_event(text, eid, trigger, plover="CONSULT", cameo="042", source=None, target=None,
               modality="asserted", date=None, claim=None, location=None, sentence=0):
    """``source``/``target`` are (phrase, country) pairs found in ``text``."""
    def ref(pair):
        if pair is None:
            return None
        phrase, country = pair
        return {**span(text, phrase), "entity": None,
                "actor": actor(phrase, country, (country or "") + "GOV" if country else None)}
    return {"id": eid, "sentence": sentence, "trigger": span(text, trigger), "source": ref(source),
            "target": ref(target), "cameo": cameo, "cameo_root": cameo[:2],
            "plover": {"type": plover, "mode": None}, "quad_class": 1, "goldstein": 1.0,
            "modality": modality, "date": date, "location": location, "claim": claim,
            "confidence": 0.7}


def make_claim(text, cid, source, cue, content, kind="person", cited_by=None):
    return {"id": cid, "source": {**span(text, source), "kind": kind, "resolved": None,
                                  "actor": None},
            "cue": span(text, cue), "content": span(text, content), "quote": "indirect",
            "cited_by": cited_by}


def make_quantity(text, qid, phrase, value, category="killed", approx="exact", claim=None,
                  unit=None):
    return {**span(text, phrase), "id": qid, "value": value, "low": value, "high": None,
            "approx": approx, "category": category, "claim": claim, "unit": unit,
            "place": None, "period": None}


def make_record(rid, text, published="2024-11-14", outlet="Daily Planet", title=None,
                events=(), claims=(), quantities=(), places=(), entities=(), timexes=()):
    rec = {"schema": "crosswire.article/1", "id": rid, "title": title, "outlet": outlet,
           "url": None, "author": None, "published": published, "language": "en", "text": text,
           "sentences": [[0, len(text)]], "entities": list(entities), "events": list(events),
           "claims": list(claims), "timexes": list(timexes), "places": list(places),
           "quantities": list(quantities), "dateline": None, "meta": {}}
    problems = check_record(rec)
    assert not problems, problems
    return rec


def linked_db(records, duplicates=None):
    """A fresh in-memory database holding ``records`` (ingested one by one, linked
    after each, as ``crosswire ingest`` does). ``duplicates`` maps id -> original id."""
    from crosswire.link import after_ingest
    from crosswire.store import Database
    db = Database("sqlite://")
    for record in records:
        db.upsert_record(record, duplicate_of=(duplicates or {}).get(record["id"]))
        after_ingest(db, [record["id"]])
    return db


def visit_pair(first_origin="Radio Ost", second_claim=True):
    """Two articles from different outlets reporting one visit (Hollis, ISR, to Moravia, RUS)."""
    t1 = ("Minister Dana Hollis made a secret visit to Moravia last week to discuss the truce "
          f"plan for the northern border, {first_origin} reported.")
    r1 = make_record(
        "a1", t1, "2024-11-10", "Herald", "Hollis makes secret visit to Moravia over truce plan",
        events=[make_event(t1, "v1", "visit", source=("Dana Hollis", "ISR"),
                           target=("Moravia", "RUS"), claim="c1")],
        claims=[make_claim(t1, "c1", first_origin, "reported",
                           t1[:t1.index(f", {first_origin}")], kind="outlet")])
    t2 = ("Hollis made a trip to Moravia for talks on the northern border truce plan, "
          "two officials said. The visit was kept secret.")
    r2 = make_record(
        "a2", t2, "2024-11-14", "Gazette", "Hollis trip to Moravia tied to border truce plan",
        events=[make_event(t2, "v1", "trip", source=("Hollis", "ISR"), target=("Moravia", "RUS"),
                           claim="c1" if second_claim else None)],
        claims=[make_claim(t2, "c1", "two officials", "said",
                           "Hollis made a trip to Moravia for talks on the northern border truce plan",
                           kind="anonymous")] if second_claim else [])
    return r1, r2
