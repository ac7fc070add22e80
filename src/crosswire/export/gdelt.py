"""GDELT 2.0-compatible Events (61 columns) and Mentions (16 columns) tables.

Column names and order follow the GDELT 2.0 Event Codebook; files are
tab-separated with a header line (GDELT's own files have none). Where GDELT
has a value we do not compute, we write our documented equivalent or leave
it empty (``docs/linking.md`` lists each):

* ``GLOBALEVENTID`` -- a number given in export order (stories, then events);
  Mentions' ``Extras`` holds ``crosswire_event=<merged id>`` to map it back.
* Country codes are ISO 3166-1 alpha-3 everywhere (GDELT uses CAMEO codes for
  actors, which agree for most countries, and FIPS 10-4 for geography).
* ``AvgTone``/``MentionDocTone`` are 0: crosswire computes no tone.
* ``NumSources`` counts independent origins, not outlets.
"""
from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ..link import views
from ..store import schema

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

EVENT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO]
    + ["DATEADDED", "SOURCEURL"])

MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras"]

# GDELT geo types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
_GEO_TYPE = {"country": 1, "admin1": 5, "city": 4}
_US_GEO_TYPE = {"admin1": 2, "city": 3}


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def timestamp(published: str | None) -> str:
    """``YYYYMMDDHHMMSS`` from an ISO date or date-time ('' when unknown)."""
    if not published:
        return ""
    digits = "".join(ch for ch in published if ch.isdigit())
    return (digits + "000000")[:14] if len(digits) >= 8 else ""


def date_columns(day: date | None) -> list:
    if day is None:
        return ["", "", "", ""]
    fraction = day.year + (day.timetuple().tm_yday - 1) / 365.0
    return [day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction:.4f}"]


def actor_columns(ref: dict | None) -> list:
    actor = (ref or {}).get("actor") or {}
    code = actor.get("code") or ""
    sectors = [code[i:i + 3] for i in range(3, len(code), 3)] if actor.get("country") else []
    return [code, (actor.get("name") or (ref or {}).get("text") or "").upper(),
            actor.get("country") or "", "", "", "", "",
            *(sectors + ["", "", ""])[:3]]


def geo_columns(place: dict | None) -> list:
    if not place:
        return [0, "", "", "", "", "", "", ""]
    feature = place.get("feature")
    geo_type = (_US_GEO_TYPE.get(feature) if place.get("country") == "USA" else None) \
        or _GEO_TYPE.get(feature, 4)
    return [geo_type, place.get("name") or "", place.get("country") or "", "", "",
            _num(place.get("lat")), _num(place.get("lon")), place.get("geonames_id") or ""]


def _num(value) -> str:
    return "" if value is None else f"{value:.4f}"


def event_day(event: dict, published: str | None) -> date | None:
    when = event.get("date") or {}
    return _day(when.get("start")) or _day(when.get("value")) or _day(published)


def event_columns(number: int, event: dict, article: dict) -> list:
    cameo = event.get("cameo") or ""
    row = [number, *date_columns(event_day(event, article.get("published")))]
    row += actor_columns(event.get("source")) + actor_columns(event.get("target"))
    row += [1 if event.get("sentence") == 0 else 0, cameo, cameo[:3], cameo[:2],
            event.get("quad_class") or "", event.get("goldstein") or 0.0,
            event.get("num_mentions") or len(event.get("mentions", [])),
            event.get("num_sources"), event.get("num_articles"), 0]
    # Actors' own places are not extracted: their geo blocks stay empty.
    row += geo_columns(None) + geo_columns(None) + geo_columns(event.get("place"))
    row += [timestamp(article.get("published")), article.get("url") or article.get("id")]
    return row


def mention_columns(number: int, event: dict, mention: dict, added: str, article: dict,
                    source_event: dict | None) -> list:
    source_event = source_event or {}
    sentence = source_event.get("sentence")
    offset = lambda ref: (ref or {}).get("start", -1) if ref else -1  # noqa: E731
    return [number, added, timestamp(article.get("published")), 1,
            article.get("outlet") or "", article.get("url") or article.get("id"),
            (sentence + 1) if sentence is not None else "",
            offset(source_event.get("source")), offset(source_event.get("target")),
            offset(source_event.get("trigger")), 1,
            round(100 * float(source_event.get("confidence") or 0)), article.get("text_len", 0),
            0, "", f"crosswire_event={event['id']};article={mention['article']};"
                   f"event={mention['event']};origin={mention.get('origin') or ''}"]


def _articles(db) -> dict[str, dict]:
    a = schema.articles
    query = select(a.c.id, a.c.outlet, a.c.url, a.c.published, a.c.record)
    with db.engine.connect() as conn:
        out = {}
        for row in conn.execute(query):
            record = json.loads(row.record)
            out[row.id] = {"id": row.id, "outlet": row.outlet, "url": row.url,
                           "published": row.published, "text_len": len(record["text"]),
                           "events": {e["id"]: e for e in record.get("events", [])}}
        return out


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def export_gdelt(db, out_dir: Path) -> list[Path]:
    articles = _articles(db)
    event_rows, mention_rows = [], []
    for number, event in enumerate(views.events(db), start=1):
        first = articles.get(event["mentions"][0]["article"], {})
        event_rows.append(event_columns(number, event, first))
        added = timestamp(first.get("published"))
        for mention in event["mentions"]:
            article = articles.get(mention["article"], {})
            mention_rows.append(mention_columns(number, event, mention, added, article,
                                                article.get("events", {}).get(mention["event"])))
    return [_write(out_dir / "gdelt_events.tsv", EVENT_COLUMNS, event_rows),
            _write(out_dir / "gdelt_mentions.tsv", MENTION_COLUMNS, mention_rows)]
