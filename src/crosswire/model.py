"""The data model: every object that crosses a boundary between stages.

Ingest produces :class:`Article`; the extraction pipeline turns each into a
:class:`Record` (the ``crosswire.article/1`` contract in
``../shared/docs/article-record.md``); storage, linking, the web UI and the
exports all read records. ``to_dict`` gives exactly the contract's JSON shape:
fields listed there keep their names, extra fields are only ever added.

Offsets are Python ``str`` indices into ``Record.text``, end exclusive; every
span satisfies ``text[start:end] == span.text`` (checked by
:func:`check_offsets`).
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Iterator, Literal

SCHEMA = "crosswire.article/1"

SourceKind = Literal["person", "organization", "outlet", "anonymous", "document", "unknown"]
Modality = Literal["asserted", "negated", "planned", "hypothetical", "requested"]
QuoteType = Literal["direct", "indirect", "mixed"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Feature = Literal["country", "admin1", "city", "region", "water", "other"]
Approx = Literal["exact", "about", "more_than", "at_least", "less_than", "up_to", "range"]
Category = Literal["killed", "wounded", "displaced", "arrested", "missing", "other"]


# --------------------------------------------------------------------------- input


@dataclass
class Article:
    """One input article, as read by ``crosswire.ingest`` (before extraction)."""

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ"
    meta: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None  # "path" or "path:line", for error messages

    def stable_id(self) -> str:
        """The input's id, else a stable hash of the text (contract rule)."""
        if self.id:
            return str(self.id)
        return text_hash(self.text)[:16]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class InputError:
    """A bad input: reported with its location, skipped, counted."""

    origin: str  # "path" or "path:line"
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


# --------------------------------------------------------------------------- spans


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Actor:
    name: str
    code: str | None = None  # CAMEO-style: ISO3 country + sector codes, e.g. "ISRGOV"
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # first sector code, e.g. "GOV"
    role: str | None = None  # office or role as written, e.g. "Minister of Strategic Affairs"


@dataclass
class ActorRef(Span):
    entity: str | None = None
    actor: Actor | None = None


@dataclass
class Entity(Span):
    id: str = ""
    label: str = ""
    actor: Actor | None = None


@dataclass
class ClaimSource(Span):
    kind: SourceKind = "unknown"
    resolved: str | None = None
    actor: Actor | None = None


@dataclass
class Claim:
    id: str
    source: ClaimSource | None  # None: no stated source ("it was reported that ...")
    cue: Span
    content: Span
    quote: QuoteType = "indirect"
    cited_by: str | None = None  # id of the claim whose source cites this one (nesting)
    negated: bool = False  # the attribution is negated ("did not say", "denied saying")


@dataclass
class Timex(Span):
    id: str = ""
    type: TimexType = "DATE"
    value: str | None = None


@dataclass
class EventDate:
    value: str | None
    start: str | None = None
    end: str | None = None
    timex: str | None = None
    basis: str | None = None  # added: "timex" | "tense" | "publication" (why this date)


@dataclass
class Plover:
    type: str
    mode: str | None = None
    context: str | None = None  # PLOVER's context ("military", "legal"; ";"-joined when several)


@dataclass
class Event:
    id: str
    sentence: int
    trigger: Span
    cameo: str
    plover: Plover
    source: ActorRef | None = None
    target: ActorRef | None = None
    quad_class: int = 1
    goldstein: float = 0.0
    modality: Modality = "asserted"
    date: EventDate | None = None
    location: str | None = None
    claim: str | None = None
    confidence: float = 0.5

    @property
    def cameo_root(self) -> str:
        return self.cameo[:2]


@dataclass
class Place(Span):
    id: str = ""
    name: str = ""
    feature: Feature = "other"
    country: str | None = None
    geonames_id: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass
class Quantity(Span):
    id: str = ""
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    approx: Approx = "exact"
    category: Category = "other"
    claim: str | None = None
    unit: str | None = None  # added: what is counted ("civilians", "soldiers", "people")
    place: str | None = None  # added: id of the place the figure is about, when stated
    period: str | None = None  # added: id of the timex giving its period, when stated


@dataclass
class Record:
    """One extracted article: the ``crosswire.article/1`` contract."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None
    language: str = "en"
    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dateline: Span | None = None  # added: "TEL AVIV - " and the like, kept in text
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"schema": SCHEMA}
        for f in fields(self):
            out[f.name] = _plain(getattr(self, f.name))
        out["sentences"] = [list(s) for s in self.sentences]
        for ev, ev_out in zip(self.events, out["events"]):
            ev_out["cameo_root"] = ev.cameo_root
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        return record_from_dict(data)

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Every span in the record, with a path for error messages."""
        yield from iter_spans(self.to_dict())


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- reading back


def _span(d: dict | None) -> Span | None:
    return None if d is None else Span(d["text"], d["start"], d["end"])


def _actor(d: dict | None) -> Actor | None:
    if not d:
        return None
    return Actor(**{k: d.get(k) for k in ("name", "code", "country", "sector", "role")})


def _actor_ref(d: dict | None) -> ActorRef | None:
    if d is None:
        return None
    return ActorRef(d["text"], d["start"], d["end"], d.get("entity"), _actor(d.get("actor")))


def record_from_dict(d: dict[str, Any]) -> Record:
    """Rebuild a :class:`Record` from its JSON form (as stored or exported)."""
    def pick(klass, item: dict, **override):
        names = {f.name for f in fields(klass)}
        kwargs = {k: v for k, v in item.items() if k in names}
        kwargs.update(override)
        return klass(**kwargs)

    entities = [pick(Entity, e, actor=_actor(e.get("actor"))) for e in d.get("entities", [])]
    claims = []
    for c in d.get("claims", []):
        src = c.get("source")
        claims.append(Claim(
            id=c["id"],
            source=None if src is None else ClaimSource(
                src["text"], src["start"], src["end"], src.get("kind", "unknown"),
                src.get("resolved"), _actor(src.get("actor"))),
            cue=_span(c["cue"]), content=_span(c["content"]), quote=c.get("quote", "indirect"),
            cited_by=c.get("cited_by"), negated=c.get("negated", False)))
    events = []
    for v in d.get("events", []):
        date = v.get("date")
        events.append(Event(
            id=v["id"], sentence=v["sentence"], trigger=_span(v["trigger"]), cameo=v["cameo"],
            plover=Plover(**v["plover"]), source=_actor_ref(v.get("source")),
            target=_actor_ref(v.get("target")), quad_class=v.get("quad_class", 1),
            goldstein=v.get("goldstein", 0.0), modality=v.get("modality", "asserted"),
            date=pick(EventDate, date) if date else None, location=v.get("location"),
            claim=v.get("claim"), confidence=v.get("confidence", 0.5)))
    return Record(
        id=d["id"], text=d["text"], title=d.get("title"), outlet=d.get("outlet"), url=d.get("url"),
        author=d.get("author"), published=d.get("published"), language=d.get("language", "en"),
        sentences=[tuple(s) for s in d.get("sentences", [])], entities=entities, events=events,
        claims=claims, timexes=[pick(Timex, t) for t in d.get("timexes", [])],
        places=[pick(Place, p) for p in d.get("places", [])],
        quantities=[pick(Quantity, q) for q in d.get("quantities", [])],
        dateline=_span(d.get("dateline")), meta=d.get("meta") or {})


# --------------------------------------------------------------------------- invariants


def iter_spans(rec: dict[str, Any]) -> Iterator[tuple[str, dict]]:
    """Every span of a record in JSON form, with a readable path."""
    for kind in ("entities", "timexes", "places", "quantities"):
        for item in rec.get(kind, []):
            yield f"{kind}[{item['id']}]", item
    for v in rec.get("events", []):
        yield f"events[{v['id']}].trigger", v["trigger"]
        for role in ("source", "target"):
            if v.get(role):
                yield f"events[{v['id']}].{role}", v[role]
    for c in rec.get("claims", []):
        for part in ("source", "cue", "content"):
            if c.get(part) is not None:  # a claim's source may be null (none stated)
                yield f"claims[{c['id']}].{part}", c[part]
    if rec.get("dateline"):
        yield "dateline", rec["dateline"]


def check_record(rec: dict[str, Any]) -> list[str]:
    """Contract invariants: offsets match, ids unique, references resolve.

    Returns the list of problems (empty when the record is sound). Used by the
    tests on every record they produce, and by ``crosswire extract --check``.
    """
    problems: list[str] = []
    text = rec["text"]
    for path, span in iter_spans(rec):
        s, e = span["start"], span["end"]
        if not (0 <= s <= e <= len(text)) or text[s:e] != span["text"]:
            problems.append(f"{path}: text[{s}:{e}]={text[s:e]!r} != {span['text']!r}")
    seen: set[str] = set()
    for kind in ("entities", "events", "claims", "timexes", "places", "quantities"):
        for item in rec.get(kind, []):
            if item["id"] in seen:
                problems.append(f"{kind}: duplicate id {item['id']}")
            seen.add(item["id"])
    ids = {k: {i["id"] for i in rec.get(k, [])} for k in ("entities", "claims", "timexes", "places")}
    for v in rec.get("events", []):
        for role in ("source", "target"):
            ent = (v.get(role) or {}).get("entity")
            if ent and ent not in ids["entities"]:
                problems.append(f"events[{v['id']}].{role}.entity {ent} unknown")
        if v.get("claim") and v["claim"] not in ids["claims"]:
            problems.append(f"events[{v['id']}].claim {v['claim']} unknown")
        if v.get("location") and v["location"] not in ids["places"]:
            problems.append(f"events[{v['id']}].location {v['location']} unknown")
        timex = (v.get("date") or {}).get("timex")
        if timex and timex not in ids["timexes"]:
            problems.append(f"events[{v['id']}].date.timex {timex} unknown")
        if not 0 <= v["sentence"] < max(1, len(rec.get("sentences", []))):
            problems.append(f"events[{v['id']}].sentence {v['sentence']} out of range")
    for q in rec.get("quantities", []):
        if q.get("claim") and q["claim"] not in ids["claims"]:
            problems.append(f"quantities[{q['id']}].claim {q['claim']} unknown")
    for c in rec.get("claims", []):
        if c.get("cited_by") and c["cited_by"] not in ids["claims"]:
            problems.append(f"claims[{c['id']}].cited_by {c['cited_by']} unknown")
    return problems
