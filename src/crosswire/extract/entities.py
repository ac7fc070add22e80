"""Named entities with their actor codes, and the article's person chains.

``record.entities`` holds spaCy's named entities (PERSON, ORG, GPE, NORP, LOC,
FAC, EVENT, LAW, PRODUCT, WORK_OF_ART), cleaned (no leading "the", no
trailing possessive), relabelled where the small model errs ("Hezbollah" as
NORP -> ORG, "Trump" as ORG -> PERSON when Trump is a person elsewhere), plus
dictionary actors spaCy missed. Each entity gets an :class:`Actor` when one
can be coded (``actors.py``).

A person introduced with a role keeps it for the rest of the article. Roles
come from titles ("Strategic Affairs Minister Ron Dermer", "Lebanese
parliament speaker Nabih Berri") and appositions ("Ron Dermer, Netanyahu's
minister of strategic affairs"; "Israel Ziv, former head of the Israel
Defense Forces' Operations Directorate"); the country comes from a demonym or
country in the title, a possessor ("Netanyahu's minister" takes Netanyahu's
country), an of-phrase, else the dated actor dictionary.

``ctx.shared["persons"]`` (read by claims and events) is a list of chains::

    {"id": "P1",                       # chain id
     "name": "Ron Dermer",             # longest name seen
     "surname": "Dermer",              # last word of the name
     "entities": ["e1", "e9"],         # ids of every mention in record.entities
     "mentions": [(32, 42), ...],      # char offsets of every mention
     "first": 32,                      # offset of the first mention
     "role": "Strategic Affairs Minister" | None,   # as written in the article
     "actor": Actor | None}            # shared by every mention

``ctx.shared["actor_coder"]`` is the article's :class:`~.actors.ActorCoder`;
``coder.for_token(token)`` codes any noun phrase head, resolving surnames,
"the minister" (a unique earlier person with that role) and "he"/"she" (the
last person mentioned, within 60 tokens).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..countries import demonym_country, lookup_country
from ..model import Actor, Entity
from .actor_dictionary import ActorIndex
from ..nlp.dateline import dateline_parts
from .phoenix_actors import group_name_trie, person_as_of
from .actors import ActorCoder, make_code, named_org_sector, role_lexicon, role_sector
from .pipeline import Context, component

KEPT_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
_TRAILING = {"'s", "’s", "'", "’", ",", ".", "-", "—", "–", ":", ";"}
_LEADING = {"the", "The", "a", "an"}
_TITLE_DEPS = {"compound", "amod", "nmod", "npadvmod"}


@component("entities")
def make_entities(config):
    index = ActorIndex.from_config(config)
    org_pattern = _dictionary_pattern(index)

    def entities(ctx: Context) -> None:
        coder = ActorCoder(index, ctx.record.published)
        ctx.shared["actor_coder"] = coder
        coder.dateline_country = _dateline_country(ctx.record.dateline, coder)
        spans = _clean_entity_spans(ctx.doc)
        spans = _add_missed_actors(ctx.doc, spans, org_pattern)
        spans = _join_owned_organisations(ctx.doc, spans)
        spans = _relabel(spans, index, ctx.record.published)
        spans = _add_missed_surnames(ctx.doc, spans)
        spans = sorted(spans, key=lambda s: s[0].start_char)
        records = [Entity(text=span.text, start=span.start_char, end=span.end_char,
                          id=ctx.new_id("e"), label=label) for span, label in spans]
        by_span = {(e.start, e.end): (e, span) for e, (span, _) in zip(records, spans)}
        persons = _person_chains(records, by_span, coder)
        for entity in records:
            span = by_span[(entity.start, entity.end)][1]
            if entity.label != "PERSON":
                entity.actor = _non_person_actor(entity, span, coder)
                for token in span:
                    coder.entity_actor_by_token[token.i] = (entity.text, entity.actor)
        ctx.record.entities = records
        ctx.shared["persons"] = persons
        coder.persons = persons
    return entities


# ----------------------------------------------------------------------- spans


def _clean_entity_spans(doc: Doc) -> list[tuple[SpacySpan, str]]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        start, end = ent.start, ent.end
        while start < end and doc[start].text in _LEADING:
            start += 1
        while end > start and doc[end - 1].text in _TRAILING:
            end -= 1
        end = _extend_over_hyphen(doc, end)
        if end > start and doc[start:end].text.strip() and not _part_of_hyphenated(doc, start, end):
            out.append((doc[start:end], ent.label_))
    return out


def _extend_over_hyphen(doc: Doc, end: int) -> int:
    """"Abdel Fattah el" + "-Sissi": a name the model cut at a hyphen."""
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper():
        end += 2
    return end


def _part_of_hyphenated(doc: Doc, start: int, end: int) -> bool:
    """"Mar" in "Mar-a-Lago": a piece of a hyphenated name is not an entity."""
    after = doc[end] if end < len(doc) else None
    before = doc[start - 1] if start > 0 else None
    return (after is not None and after.text == "-" and not doc[end - 1].whitespace_) or \
        (before is not None and before.text == "-" and not before.whitespace_)


@lru_cache(maxsize=8)
def _pattern_for(names: frozenset[str]) -> re.Pattern | None:
    usable = sorted((n for n in names if len(n) > 2), key=len, reverse=True)
    if not usable:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in usable) + r")(?![\w-])")


def _dictionary_pattern(index: ActorIndex) -> re.Pattern | None:
    """Names worth finding even where spaCy misses them: the bundled
    organisations and every name of the user's own dictionary."""
    user = {name for entry in index.user_entries for name in entry.names() if _safe_to_find(name)}
    return _pattern_for(frozenset(_org_names() | user))


def _safe_to_find(name: str) -> bool:
    # Two-letter aliases (UN, EU, IS) are too ambiguous to add blindly;
    # acronyms of three capitals (RSF, IDF) and longer names are safe.
    return (len(name) >= 4 or (len(name) == 3 and name.isupper())) and not name.lower().startswith("the ")


@lru_cache(maxsize=None)
def _org_names() -> frozenset[str]:
    from .. import lexicons
    names = set()
    for item in lexicons.load("actor_orgs.yaml") or []:
        names |= {name for name in [item["name"], *(item.get("aliases") or [])] if _safe_to_find(name)}
    return frozenset(names)


def _add_missed_actors(doc: Doc, spans, pattern) -> list[tuple[SpacySpan, str]]:
    """Dictionary names spaCy missed, or cut short ("Black Lantern" of
    "Black Lantern brigade"): the dictionary's longer span wins. Names come
    from the bundled and user dictionaries (``pattern``) and from Phoenix's
    organisations and armed groups (``group_name_trie``)."""
    matches = [m.span() for m in pattern.finditer(doc.text)] if pattern is not None else []
    matches += group_name_trie().find(doc)
    out = list(spans)
    for start, end in matches:
        overlapping = [(s, label) for s, label in out if s.start_char < end and start < s.end_char]
        if any(not (start <= s.start_char and s.end_char <= end) or
               (s.start_char, s.end_char) == (start, end) for s, _ in overlapping):
            continue  # spaCy's span is as long or crosses the name: keep spaCy's
        span = doc.char_span(start, end)
        if span is not None:
            out = [item for item in out if item not in overlapping] + [(span, "ORG")]
    return out


def _join_owned_organisations(doc: Doc, spans) -> list[tuple[SpacySpan, str]]:
    """"VOA's" + "Russian Service": a unit named after its topic and owned by an
    organisation is one organisation ("VOA's Russian Service"), not Russia."""
    by_end = {span.end: (span, label) for span, label in spans}
    out = list(spans)
    for span, label in spans:
        if named_org_sector(span.text) is None or span.start < 2 or doc[span.start - 1].text not in ("'s", "’s"):
            continue
        owner = by_end.get(span.start - 1)
        if owner is None or owner[1] != "ORG":
            continue
        joined = doc[owner[0].start:span.end]
        out = [item for item in out if item[0] is not span and item[0] is not owner[0]] + [(joined, "ORG")]
    return out


def _dateline_country(dateline, coder: ActorCoder) -> str | None:
    """Country of the dateline's place ("KYIV, Ukraine -", "NAIROBI -")."""
    if dateline is None:
        return None
    parts = dateline_parts(dateline)
    for part in (parts.get("region"), parts.get("place")):
        if part:
            name = part.title() if part.isupper() else part
            iso3 = coder.from_name(name, places=True)
            if iso3 is not None and iso3.country:
                return iso3.country
            from .place_gazetteer import Gazetteer
            resolved = Gazetteer.shared().resolve(name)
            if resolved is not None and resolved.country:
                return resolved.country
    return None


def _add_missed_surnames(doc: Doc, spans) -> list[tuple[SpacySpan, str]]:
    """"Rojas" alone, after "Pablo Rojas": a surname the model did not tag."""
    surnames = {span[-1].text for span, label in spans if label == "PERSON" and len(span) > 1
                and span[-1].text[:1].isupper() and len(span[-1].text) > 2}
    if not surnames:
        return spans
    taken = sorted((s.start_char, s.end_char) for s, _ in spans)
    starts = [start for start, _ in taken]
    reach = list(accumulate((end for _, end in taken), max))  # furthest end so far
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(surnames)) + r")(?![\w-])")
    out = list(spans)
    for match in pattern.finditer(doc.text):
        # overlaps a span iff one starting before the match's end reaches past its start
        before = bisect_left(starts, match.end())
        if before and reach[before - 1] > match.start():
            continue
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            out.append((span, "PERSON"))
    return out


def _relabel(spans, index: ActorIndex, day: str | None) -> list[tuple[SpacySpan, str]]:
    """Fix the small model's usual slips using the article itself and the dictionary."""
    person_words = set()
    for span, label in spans:
        if label == "PERSON" and len(span) > 1:
            person_words.add(span.text)
            person_words.add(span[-1].text)
    out = []
    for span, label in spans:
        # Phoenix entries do not say whether a name is a person or a body: trust the model.
        entry = index.find(span.text, day, phoenix=False)
        if label in ("PERSON", "ORG") and entry is None and demonym_country(span.text):
            label = "NORP"  # "Azerbaijani" read as a person
        elif label in ("PERSON", "ORG") and entry is None and lookup_country(span.text):
            label = "GPE"
        elif span.text in person_words and label != "PERSON":
            label = "PERSON"
        elif entry is not None and entry.role and label in ("ORG", "GPE", "NORP"):
            label = "PERSON"  # a known office holder ("Trump" read as ORG)
        elif entry is not None and not entry.role and label in ("NORP", "PERSON", "GPE") \
                and entry.sector in ("REB", "IGO", "NGO", "MIL", "SPY", "LEG"):
            label = "ORG"  # "Hezbollah" read as NORP
        out.append((span, label))
    return out


# ---------------------------------------------------------------------- persons


def _person_chains(records: list[Entity], by_span, coder: ActorCoder) -> list[dict]:
    chains: list[dict] = []
    by_surname: dict[str, dict] = {}
    for entity in records:
        if entity.label != "PERSON":
            continue
        span = by_span[(entity.start, entity.end)][1]
        surname = span[-1].text
        chain = by_surname.get(surname) or by_surname.get(entity.text)
        if chain is None:
            chain = {"id": f"P{len(chains) + 1}", "name": entity.text, "surname": surname,
                     "entities": [], "mentions": [], "first": entity.start, "role": None,
                     "actor": None, "_spans": []}
            chains.append(chain)
            by_surname[surname] = chain
        if len(entity.text) > len(chain["name"]):
            chain["name"] = entity.text
        chain["entities"].append(entity.id)
        chain["mentions"].append((entity.start, entity.end))
        chain["_spans"].append(span)
    for chain in chains:
        chain["actor"], chain["role"] = _code_person(chain, coder)
        for span in chain.pop("_spans"):
            for token in span:
                coder.persons_by_token[token.i] = chain
    for entity in records:
        if entity.label == "PERSON":
            chain = next(c for c in chains if entity.id in c["entities"])
            entity.actor = replace(chain["actor"], name=chain["name"]) if chain["actor"] else None
    return chains


def _code_person(chain: dict, coder: ActorCoder) -> tuple[Actor | None, str | None]:
    """Role and country as written in the article, completed by the dictionary."""
    role, country, sector = None, None, None
    for span in chain["_spans"]:
        found = _title_role(span, coder) or _apposition_role(span, coder)
        if found:
            role, country, sector = found
            break
    # A surname alone is looked up in the bigger Phoenix lists only when it is the whole name.
    entry = coder.index.find(chain["name"], coder.day) or coder.index.find(
        chain["surname"], coder.day, phoenix=chain["surname"] == chain["name"])
    if entry is not None and entry.source == "phoenix" and entry.sector is None:
        entry = None  # a Phoenix region or body, not a person ("Banja Luka" read as a name)
    if entry is not None:
        entry = person_as_of(entry, coder.day)  # no Phoenix office after 2015
    if entry is not None:
        country = country or entry.country
        sector = sector or entry.sector
        role = role or entry.role
        if not country and not sector:
            return entry.actor(chain["name"]), role
    if not (country or sector or role):
        return None, None
    if role and country and set(role.lower().replace("-", " ").split()) & set(role_lexicon()["former"]):
        sector = "ELI"  # "former President Bashar al-Assad": CAMEO codes ex-officials as elites
    code = make_code(country, sector) if country else None
    return Actor(name=chain["name"], code=code, country=country, sector=sector, role=role), role


def _title_role(span: SpacySpan, coder: ActorCoder):
    """"Lebanese parliament speaker Nabih Berri" -> ("parliament speaker", "LBN", "LEG")."""
    doc = span.doc
    inside = set(range(span.start, span.end))
    title: list[Token] = []
    i = span.start - 1
    while i >= 0:
        token = doc[i]
        if token.dep_ not in _TITLE_DEPS or (token.head.i not in inside and token.head.i not in
                                              {t.i for t in title}):
            break
        title.insert(0, token)
        i -= 1
    return _role_from_words(title, coder)


def _role_from_words(words: list[Token], coder: ActorCoder, extra_country: str | None = None):
    country = extra_country
    role_words = []
    org_sector = None
    for token in words:
        actor = coder.from_name(token.text) if token.pos_ in ("PROPN", "ADJ") or token.text[:1].isupper() else None
        if actor and actor.country and not actor.role and len(token.text) > 1 and token.text not in ("Prime",):
            country = country or actor.country
            if actor.sector and actor.sector != "GOV":
                org_sector = actor.sector
            continue
        role_words.append(token.text)
    role = " ".join(role_words).strip()
    sector = role_sector(role) if role else None
    if sector is None and org_sector is None:
        return None
    return role, country, org_sector if sector in (None, "GOV") and org_sector else sector


def _apposition_role(span: SpacySpan, coder: ActorCoder):
    """"Ron Dermer, Netanyahu's minister of strategic affairs" and
    "Israel Ziv, former head of the Israel Defense Forces' Operations Directorate"."""
    head = next((c for c in span.root.children if c.dep_ == "appos"), None)
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    former = set(role_lexicon()["former"])
    relational = set(role_lexicon()["relational"])
    words = [c for c in head.lefts if c.dep_ in ("amod", "compound") and c.i < head.i] + [head]
    country, of_actor = None, None
    for child in head.children:
        if child.dep_ == "poss":
            owner = coder.persons_by_token.get(child.i, {}).get("actor") if child.i in coder.persons_by_token \
                else coder.from_name(child.text)
            if owner is None:
                owner = _person_like(child, coder)
            country = country or (owner.country if owner else None)
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is not None:
                of_text = doc_phrase(obj)
                of_actor = coder.from_org_name(of_text) or coder.from_name(obj.text)
                words += [child] + _phrase_tokens(obj)
    ordered = sorted(set(words), key=lambda t: t.i)
    role = head.doc[ordered[0].i:ordered[-1].i + 1].text
    role_head_sector = role_sector(head.text)
    if of_actor is not None and head.lemma_.lower() in relational:
        country = country or of_actor.country
        sector = of_actor.sector if of_actor.sector else role_head_sector
    else:
        sector = role_sector(" ".join(w.text for w in words if w.i <= head.i))
    if sector is None and not any(w.lower_ in former for w in words):
        return None
    return role, country, sector


def _phrase_tokens(token: Token) -> list[Token]:
    """A noun phrase's tokens up to any relative clause or trailing punctuation."""
    clause = {t.i for c in token.children if c.dep_ in ("relcl", "acl", "appos") for t in c.subtree}
    out = []
    for t in token.subtree:
        if t.i in clause or (t.dep_ == "punct" and t.i > token.i):
            break
        out.append(t)
    return out


def _person_like(token: Token, coder: ActorCoder) -> Actor | None:
    entry = coder.index.find(token.text, coder.day)
    return entry.actor(token.text) if entry else None


def doc_phrase(token: Token) -> str:
    """The words of a noun phrase, without a leading determiner or trailing clause."""
    words = [t for t in token.subtree if t.dep_ not in ("relcl", "punct") and t.i <= token.i
             and t.dep_ != "det"]
    return " ".join(t.text for t in words)


# ----------------------------------------------------------------- other actors


def _non_person_actor(entity: Entity, span: SpacySpan, coder: ActorCoder) -> Actor | None:
    if entity.label == "ORG":
        actor = coder.from_org_name(entity.text)
    elif entity.label in ("GPE", "NORP", "LOC", "FAC"):
        actor = coder.from_name(entity.text)
    else:
        actor = None
    if actor is not None and actor.country is None and actor.sector not in ("IGO", "NGO") \
            or (actor is None and entity.label == "ORG" and role_sector(entity.text)):
        owner = _owner_country(span, coder)
        if owner:
            sector = actor.sector if actor else role_sector(entity.text)
            actor = Actor(name=entity.text, code=make_code(owner, sector), country=owner, sector=sector)
    return actor


def _owner_country(span: SpacySpan, coder: ActorCoder) -> str | None:
    """"Russia's Ministry of Foreign Affairs", "the Health Ministry of Lebanon"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "poss" and child.lower_ == "country":
            return _last_country_before(child, coder)  # "the country's Health Ministry"
        if child.dep_ == "poss" or (child.dep_ == "compound" and child.i < span.start):
            actor = coder.from_name(child.text)
            if actor and actor.country:
                return actor.country
        if child.dep_ == "prep" and child.lower_ == "of":
            for obj in child.children:
                actor = coder.from_name(obj.text)
                if actor and actor.country:
                    return actor.country
    return None


def _last_country_before(token: Token, coder: ActorCoder) -> str | None:
    """The country named last before ``token`` (countries only, not groups)."""
    best = None
    for i, (text, actor) in coder.entity_actor_by_token.items():
        if i < token.i and actor is not None and actor.country and not actor.sector \
                and (best is None or i > best[0]):
            best = (i, actor.country)
    return best[1] if best else None
