"""Hand-built data for the web tests: two outlets covering one invented story,
plus a hostile article, written straight into the tables (no spaCy needed).

Story s1: Harbor Ledger and Northern Wire both report a Chilean minister's
visit to Peru (two independent origins), and disagree on how many fishermen
were detained (a figure conflict). Story s2: one article whose title, text,
outlet and URL try to inject markup and script.
"""
from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, update

from crosswire.store import schema
from crosswire.store.db import Database

HOSTILE_TITLE = '<script>alert("title")</script> Harbour <b>notice</b>'
HOSTILE_TEXT = ('Port officials posted a notice. <script>alert("text")</script> '
                'It also said "><img src=x onerror=alert(1)> in bold letters.')


def span(text: str, piece: str, after: int = 0) -> dict:
    start = text.index(piece, after)
    return {"text": piece, "start": start, "end": start + len(piece)}


def actor(name, code, country, sector="GOV", role=None):
    return {"name": name, "code": code, "country": country, "sector": sector, "role": role}


def ledger_record() -> dict:
    text = ("Foreign Minister Lena Ortiz of Chile visited Peru last week, Radio Andina reported. "
            "Officials in Lima said 12 fishermen were detained near the border.")
    ortiz = actor("Lena Ortiz", "CHLGOV", "CHL", role="Foreign Minister")
    peru = actor("Peru", "PER", "PER", sector=None)
    return {
        "schema": "crosswire.article/1", "id": "ledger-1", "title": "Chilean minister in Peru",
        "outlet": "Harbor Ledger", "url": "https://ledger.example/peru", "author": None,
        "published": "2024-03-04", "language": "en", "text": text,
        "sentences": [[0, 83], [84, len(text)]],
        "entities": [{**span(text, "Lena Ortiz"), "id": "e1", "label": "PERSON", "actor": ortiz},
                     {**span(text, "Peru"), "id": "e2", "label": "GPE", "actor": peru}],
        "events": [{"id": "v1", "sentence": 0, "trigger": span(text, "visited"),
                    "source": {**span(text, "Lena Ortiz"), "entity": "e1", "actor": ortiz},
                    "target": {**span(text, "Peru"), "entity": "e2", "actor": peru},
                    "cameo": "042", "cameo_root": "04",
                    "plover": {"type": "CONSULT", "mode": "visit"}, "quad_class": 1,
                    "goldstein": 1.9, "modality": "asserted",
                    "date": {"value": "2024-W09", "start": "2024-02-26", "end": "2024-03-03",
                             "timex": "t1"},
                    "location": "p1", "claim": "c1", "confidence": 0.8}],
        "claims": [
            {"id": "c1", "source": {**span(text, "Radio Andina"), "kind": "outlet",
                                    "resolved": None, "actor": None},
             "cue": span(text, "reported"),
             "content": span(text, "Foreign Minister Lena Ortiz of Chile visited Peru last week"),
             "quote": "indirect"},
            {"id": "c2", "source": {**span(text, "Officials in Lima"), "kind": "anonymous",
                                    "resolved": None, "actor": None},
             "cue": span(text, "said"),
             "content": span(text, "12 fishermen were detained near the border"),
             "quote": "indirect"}],
        "timexes": [{**span(text, "last week"), "id": "t1", "type": "DATE", "value": "2024-W09"}],
        "places": [{**span(text, "Peru", 40), "id": "p1", "name": "Peru", "feature": "country",
                    "country": "PER", "geonames_id": None, "lat": -10.0, "lon": -76.0}],
        "quantities": [{**span(text, "12 fishermen"), "id": "q1", "value": 12, "low": 12,
                        "high": None, "approx": "exact", "category": "arrested", "claim": "c2"}],
        "meta": {},
    }


def wire_record() -> dict:
    text = ("Chile's foreign minister made a two-day trip to Peru, according to El Diario. "
            "A Peruvian coast guard officer said 20 fishermen had been held.")
    chile = actor("Chile", "CHLGOV", "CHL")
    peru = actor("Peru", "PER", "PER", sector=None)
    return {
        "schema": "crosswire.article/1", "id": "wire-1", "title": "Ortiz trip to Lima",
        "outlet": "Northern Wire", "url": "https://wire.example/lima", "author": "J. Reed",
        "published": "2024-03-05", "language": "en", "text": text,
        "sentences": [[0, 77], [78, len(text)]],
        "entities": [{**span(text, "Chile"), "id": "e1", "label": "GPE", "actor": chile},
                     {**span(text, "Peru"), "id": "e2", "label": "GPE", "actor": peru}],
        "events": [{"id": "v1", "sentence": 0, "trigger": span(text, "trip"),
                    "source": {**span(text, "Chile"), "entity": "e1", "actor": chile},
                    "target": {**span(text, "Peru"), "entity": "e2", "actor": peru},
                    "cameo": "042", "cameo_root": "04",
                    "plover": {"type": "CONSULT", "mode": "visit"}, "quad_class": 1,
                    "goldstein": 1.9, "modality": "asserted",
                    "date": {"value": "2024-03-01", "start": "2024-03-01", "end": "2024-03-01",
                             "timex": None},
                    "location": None, "claim": "c1", "confidence": 0.7}],
        "claims": [
            {"id": "c1", "source": {**span(text, "El Diario"), "kind": "outlet",
                                    "resolved": None, "actor": None},
             "cue": span(text, "according to"),
             "content": span(text, "Chile's foreign minister made a two-day trip to Peru"),
             "quote": "indirect"},
            {"id": "c2", "source": {**span(text, "A Peruvian coast guard officer"),
                                    "kind": "anonymous", "resolved": None, "actor": None},
             "cue": span(text, "said"), "content": span(text, "20 fishermen had been held"),
             "quote": "indirect"}],
        "timexes": [], "places": [],
        "quantities": [{**span(text, "20 fishermen"), "id": "q1", "value": 20, "low": 20,
                        "high": None, "approx": "exact", "category": "arrested", "claim": "c2"}],
        "meta": {},
    }


def hostile_record() -> dict:
    text = HOSTILE_TEXT
    return {
        "schema": "crosswire.article/1", "id": "hostile-1", "title": HOSTILE_TITLE,
        "outlet": "<i>Quay</i> Gazette", "url": "javascript:alert(3)", "author": None,
        "published": "2024-01-15", "language": "en", "text": text,
        "sentences": [[0, len(text)]], "entities": [], "events": [],
        "claims": [{"id": "c1", "source": {**span(text, "It"), "kind": "document",
                                           "resolved": "the notice", "actor": None},
                    "cue": span(text, "said"),
                    "content": span(text, '"><img src=x onerror=alert(1)>'), "quote": "direct"}],
        "timexes": [], "places": [], "quantities": [], "meta": {},
    }


def _merged(mid, story, source_code, target_code, date_start, date_end, status, sources,
            mentions, quad=1, plover="CONSULT", cameo="042"):
    data = {"id": mid, "cameo": cameo, "plover": {"type": plover, "mode": None},
            "quad_class": quad, "mentions": mentions, "num_articles": len(mentions),
            "num_sources": sources, "status": status}
    return dict(id=mid, story_id=story, cameo=cameo, cameo_root=cameo[:2], plover_type=plover,
                quad_class=quad, goldstein=1.9, source_code=source_code,
                source_country=source_code[:3], target_code=target_code,
                target_country=target_code[:3], modality="asserted", date_start=date_start,
                date_end=date_end, location_country=None, lat=None, lon=None,
                num_articles=len(mentions), num_sources=sources, status=status,
                data=json.dumps(data))


def fill(db: Database) -> Database:
    """Store the three records and the cross-article rows linking would write."""
    for rec in (ledger_record(), wire_record(), hostile_record()):
        db.upsert_record(rec)
    visit_mentions = [{"article": "ledger-1", "event": "v1", "outlet": "Harbor Ledger"},
                      {"article": "wire-1", "event": "v1", "outlet": "Northern Wire"}]
    with db.begin() as conn:
        conn.execute(insert(schema.stories), [
            dict(id="s1", title="Chilean minister visits Peru", first_seen="2024-03-04",
                 last_seen="2024-03-05", size=2, state=None),
            dict(id="s2", title=HOSTILE_TITLE, first_seen="2024-01-15", last_seen="2024-01-15",
                 size=1, state=None)])
        for aid, sid in (("ledger-1", "s1"), ("wire-1", "s1"), ("hostile-1", "s2")):
            conn.execute(update(schema.articles).where(schema.articles.c.id == aid)
                         .values(story_id=sid))
        conn.execute(insert(schema.merged_events), [
            _merged("m1", "s1", "CHLGOV", "PER", "2024-03-01", "2024-03-01", "corroborated", 2,
                    visit_mentions),
            _merged("m2", "s1", "PERCOP", "CHL", "2024-03-04", None, "single_source", 1,
                    [{"article": "ledger-1", "event": "v1", "outlet": "Harbor Ledger"}],
                    quad=4, plover="ARREST", cameo="173")])
        conn.execute(insert(schema.mentions), [
            dict(merged_event_id="m1", article_id="ledger-1", event_id="v1",
                 outlet="Harbor Ledger", origin="Radio Andina", origin_kind="cited_outlet"),
            dict(merged_event_id="m1", article_id="wire-1", event_id="v1",
                 outlet="Northern Wire", origin="El Diario", origin_kind="cited_outlet")])
        for aid in ("ledger-1", "wire-1"):
            conn.execute(update(schema.events).where(schema.events.c.article_id == aid)
                         .values(merged_event_id="m1"))
            conn.execute(update(schema.claims).where(schema.claims.c.article_id == aid)
                         .where(schema.claims.c.id == "c1").values(status="corroborated"))
            conn.execute(update(schema.claims).where(schema.claims.c.article_id == aid)
                         .where(schema.claims.c.id == "c2").values(status="disputed"))
        conn.execute(insert(schema.conflicts), [dict(
            id="k1", story_id="s1", kind="figure", topic="fishermen detained",
            explanation="12 against 20 for the same detention",
            data=json.dumps({"sides": [
                {"text": "12 fishermen were detained near the border",
                 "source": "Officials in Lima", "outlet": "Harbor Ledger",
                 "article": "ledger-1", "claim": "c2", "value": 12},
                {"text": "20 fishermen had been held", "source": "A Peruvian coast guard officer",
                 "outlet": "Northern Wire", "article": "wire-1", "claim": "c2", "value": 20}]}))])
    return db


@pytest.fixture
def web_db(tmp_path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'web.db'}")
    yield fill(db)
    db.close()


@pytest.fixture
def client(web_db):
    from fastapi.testclient import TestClient

    from crosswire.web import create_app
    with TestClient(create_app(web_db)) as test_client:
        yield test_client
