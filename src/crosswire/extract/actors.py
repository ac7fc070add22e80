"""Actor coding: from a name or a noun phrase to a CAMEO-style :class:`Actor`.

An actor code is a country (ISO3) followed by a sector (``ISRGOV``,
``LBNREB``), or an international code (``IGOUNO``). What can make an actor:

* a dictionary entry (``actor_dictionary.py``: the user's ``--actors`` file,
  then crosswire's organisations and office holders valid on the publication
  date); a country name ("Russia" -> ``RUS``), a demonym ("Israeli" ->
  ``ISR``); then the Phoenix dictionaries (``phoenix_actors.py``: older
  office-holders by date, organisations, armed groups, more country names and
  adjectives). An organisation's whole name is looked up before its words, and
  a country inside an organisation's name is only its topic when the name does
  not start with it ("the Carnegie Russia Eurasia Center", "VOA's Russian
  Service" are not Russia);
* a capital or seat of government standing for its government (metonymy:
  "Moscow", "the White House" -> ``RUSGOV``, ``USAGOV``) when it acts;
* a role or group noun with a country: "Lebanese militants" -> ``LBNREB``,
  "Israel's air force" -> ``ISRMIL``, "the minister of X" -> ``XGOV``;
* a person already introduced with a role (the ``persons`` chains written by
  ``entities.py``): "Dermer", "the minister", "he". A pronoun or "the group"
  is only ever an actor through an earlier (or reporting) mention, and
  ``mention_of`` gives that mention's span, so a bare "he" is never shown.

The :class:`ActorCoder` is built once per article (it needs the publication
date for dictionary validity) and is shared via ``ctx.shared["actor_coder"]``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Token

from .. import lexicons
from ..countries import capital_country, demonym_country, lookup_country
from ..model import Actor
from .actor_dictionary import ActorIndex
from .phoenix_actors import agent_sector, phoenix_country

# Groups that are actors even without a country ("gunmen" -> REB, "police" ->
# COP), as CAMEO's bare sector codes. "Officials" or "the minister" alone are
# not: without a country they say nothing about who acts.
BARE_SECTORS = {"REB", "COP", "MIL", "OPP", "MED", "JUD", "SPY", "CVL", "REF"}
# Sectors too vague to carry an event on their own (an event needs one actor
# with a country or a sector outside this set).
WEAK_SECTORS = {"CVL", "REF", "BUS", None}
# Phoenix agent sectors crosswire uses (others, such as religions, are not sectors here).
_AGENT_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "SPY", "MED", "CVL", "REF", "BUS", "NGO",
                  "HLH", "AGR", "EDU", "LAB", "PTY", "ELI", "IGO", "UAF"}
_POSSESSIVE = re.compile(r"(?:\s*(?:'s|’s|'|’))$")
# Modifier dependencies that can carry a country or a sector onto a head noun.
_MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}


@lru_cache(maxsize=None)
def role_lexicon() -> dict:
    return lexicons.load("actor_roles.yaml")


@lru_cache(maxsize=None)
def _role_table() -> dict[str, str]:
    """Role phrase -> sector (the first sector listing a phrase keeps it)."""
    table: dict[str, str] = {}
    for sector, phrases in role_lexicon()["sectors"].items():
        for phrase in phrases:
            table.setdefault(" ".join(str(phrase).lower().split()), sector)
    return table


_LONGEST_ROLE = 5  # words in the longest role phrase worth looking for


@lru_cache(maxsize=8192)
def role_sector(words: str, strict: bool = False) -> str | None:
    """Sector of a role or group phrase ("parliament speaker" -> LEG): the
    longest known phrase ending the text wins, else (unless ``strict``) the
    longest known phrase anywhere in it; failing crosswire's own roles, the
    Phoenix agents ("peasants" -> AGR) are asked the same way on the ending."""
    table = _role_table()
    tokens = " ".join(words.lower().replace("’", "'").split()).split()
    for n in range(min(_LONGEST_ROLE, len(tokens)), 0, -1):
        phrase = " ".join(tokens[-n:])
        if phrase in table:
            return table[phrase]
    if not strict:
        for n in range(min(_LONGEST_ROLE, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                phrase = " ".join(tokens[i:i + n])
                if phrase in table:
                    return table[phrase]
    skipped = set(role_lexicon()["phoenix_agents_skipped"])
    for n in range(min(_LONGEST_ROLE, len(tokens)), 0, -1):
        phrase = " ".join(tokens[-n:])
        sector = agent_sector(phrase)
        if sector in _AGENT_SECTORS and phrase not in skipped:
            return sector
    return None


@lru_cache(maxsize=None)
def _named_org_heads() -> dict[str, str]:
    return {str(k).lower(): v for k, v in role_lexicon()["named_org_heads"].items()}


def named_org_sector(name: str) -> str | None:
    """Sector of a capitalised organisation name by its last word ("National
    Congress Party" -> PTY, "VOA's Russian Service" -> MED), else None."""
    words = name.replace("’", "'").split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return None
    return _named_org_heads().get(words[-1].lower())


def _starts_with_country(name: str) -> bool:
    """"Russian Foreign Intelligence Service" is Russia's; "Carnegie Russia
    Eurasia Center" is not."""
    words = name.replace("’", "'").split()
    first = strip_possessive(words[0]) if words else ""
    two = strip_possessive(" ".join(words[:2]))
    return bool(lookup_country(first) or demonym_country(first) or lookup_country(two) or demonym_country(two))


def is_role_word(word: str) -> bool:
    return role_sector(word) is not None and " " not in word.strip()


def looks_like_people(word: str) -> bool:
    """"instructors", "rescuers": a people noun by its ending (see actor_roles.yaml)."""
    lexicon = role_lexicon()
    word = word.lower()
    return word not in set(lexicon["not_people"]) and len(word) > 4 and any(
        word.endswith(suffix) for suffix in lexicon["people_suffixes"])


def make_code(country: str | None, sector: str | None) -> str | None:
    """Country + sector; a bare sector is a code only for international bodies
    (a "Health Ministry" of an unknown country gets no code at all)."""
    if not country:
        return sector if sector in ("IGO", "NGO") else None
    return f"{country}{sector or ''}"


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


# Sectors that belong to a country, so an actor with one of them and no country
# of its own takes the country of its context. International ones do not, nor
# the weak ones: "four people in Cuba" stay CVL, so that a storm killing them
# does not become an event against Cubans.
DOMESTIC_SECTORS = {"GOV", "MIL", "COP", "REB", "OPP", "LEG", "JUD", "SPY", "MED", "HLH", "AGR", "EDU", "LAB",
                    "PTY"}
def _is_bare_reference(token: Token) -> bool:
    """A pronoun, or a common noun with nothing but a determiner ("the group",
    "officials"): it names nobody by itself."""
    if token.pos_ == "PRON" or (token.lower_ in role_lexicon()["pronouns"] and not token.text.isupper()
                                and not token.ent_type_):  # "US" is no pronoun
        return True
    if token.pos_ != "NOUN":
        return False
    return token.lemma_.lower() in role_lexicon()["bare_nouns"] and not any(
        c.dep_ in ("amod", "compound", "poss", "nmod", "appos") for c in token.children)


class ActorCoder:
    """Codes names and noun phrases of one article (dictionary valid on ``day``)."""

    def __init__(self, index: ActorIndex, day: str | None):
        self.index = index
        self.day = day
        self.persons_by_token: dict[int, dict] = {}  # token index -> person chain
        self.entity_actor_by_token: dict[int, tuple[str, Actor | None]] = {}
        self.persons: list[dict] = []
        # Unnamed office holders already met ("Germany's defense minister"), by
        # head word, so that a later "the minister" is the same actor.
        self.recent_roles: dict[str, tuple[Actor, int]] = {}  # head word -> (actor, token)
        # Tokens whose actor is only the owner of a thing ("Trump's tariffs"):
        # such a thing can be a target but never acts violently or answers a call.
        self.owner_derived: set[int] = set()
        # A pronoun or "the group" -> the token of the mention it was resolved to.
        self.antecedent: dict[int, int] = {}
        self.dateline_country: str | None = None  # set by the entities component

    # ------------------------------------------------------------------ names

    def from_name(self, text: str, places: bool = False) -> Actor | None:
        """Actor named by ``text``: the user's and crosswire's dictionaries, then
        country, demonym, capital, then the Phoenix dictionaries (and, with
        ``places``, a Phoenix city or province standing for its country)."""
        name = strip_possessive(text.strip())
        bare = re.sub(r"^the ", "", name, flags=re.I)
        entry = self.index.find(name, self.day, phoenix=False) or self.index.find(bare, self.day, phoenix=False)
        if entry:
            return entry.actor(name)
        found = self._country_actor(name)
        if found:
            return found
        entry = self.index.find(name, self.day) or self.index.find(bare, self.day)
        if entry:
            return entry.actor(name)
        iso3 = phoenix_country(name, ("name", "adjective", "place") if places else ("name", "adjective"))
        if iso3:
            return Actor(name=name, code=iso3, country=iso3)
        return None

    @staticmethod
    def _country_actor(name: str) -> Actor | None:
        iso3 = lookup_country(name) or demonym_country(name)
        if iso3:
            return Actor(name=name, code=iso3, country=iso3)
        iso3 = capital_country(name)
        if iso3:
            # A capital as an entity is just a place of that country; it becomes
            # the government only when it acts (see ``as_acting``).
            return Actor(name=name, code=iso3, country=iso3)
        return None

    def from_org_name(self, text: str) -> Actor | None:
        """Organisations: whole name first, then a known name or a country inside
        it ("the Israel Defense Forces' Operations Directorate" -> ISRMIL), with
        the sector of its institution word ("Health Ministry" -> GOV). A name
        whose head makes it an organisation of its own ("... Party", "...
        Service", "... Center") takes neither a known name from its middle
        ("National Congress Party" is not Congress) nor a country it is only
        about ("Carnegie Russia Eurasia Center")."""
        found = self.from_name(text)
        if found:
            return found
        name = strip_possessive(text)
        if name.lower().startswith("the "):
            name = name[4:]
        named_sector = named_org_sector(name)
        inner = self._known_name_inside(name)
        sector = role_sector(name) or named_sector
        if named_sector and not _starts_with_country(name) and role_sector(name, strict=True) in (None, named_sector):
            if inner is not None:  # "UN Development Programme"
                return Actor(name=name, code=inner.code, country=inner.country, sector=inner.sector)
            owner = self._owner_country(name)  # "Voice of America's Persian Service"
            return Actor(name=name, code=make_code(owner, named_sector), country=owner, sector=named_sector)
        if inner:
            return Actor(name=name, code=make_code(inner.country, inner.sector or sector) or inner.code,
                         country=inner.country, sector=inner.sector or sector)
        country = self._country_inside(name)
        if country or sector in ("GOV", "MIL", "LEG", "JUD", "COP", "SPY"):
            return Actor(name=name, code=make_code(country, sector), country=country, sector=sector)
        return None

    def _owner_country(self, name: str) -> str | None:
        """Country of the organisation owning a unit ("X's Persian Service")."""
        owner, mark, _ = name.replace("’", "'").rpartition("'s ")
        if not mark or not owner:
            return None
        actor = self.from_org_name(owner)
        return actor.country if actor is not None else None

    def _known_name_inside(self, text: str) -> Actor | None:
        """A dictionary name that begins the name ("IDF Home Front Command") or
        ends it after only "the" or a country ("Afghan Taliban"); never one from
        inside a longer name ("National Congress Party", "World Uyghur Congress")."""
        words = text.replace("’", "'").split()
        for size in range(len(words) - 1, 0, -1):
            for start in range(0, len(words) - size + 1):
                if start > 0 and not (start + size == len(words) and all(
                        w.lower() == "the" or demonym_country(w) or lookup_country(w) for w in words[:start])):
                    continue  # only a prefix, or a suffix after "the" or a country ("Afghan Taliban")
                piece = strip_possessive(" ".join(words[start:start + size]))
                entry = self.index.find(piece, self.day, phoenix=False)
                if entry and entry.sector not in (None,) and len(piece) > 2:
                    return entry.actor(piece)
        return None

    @staticmethod
    def _country_inside(text: str) -> str | None:
        for word in re.findall(r"[A-Z][\w.\-]+(?: [A-Z][\w.\-]+)*", text):
            for candidate in (word, *word.split()):
                iso3 = lookup_country(candidate) or demonym_country(candidate)
                if iso3:
                    return iso3
        return None

    # --------------------------------------------------------------- phrases

    def as_acting(self, actor: Actor | None, text: str) -> Actor | None:
        """Metonymy: a capital or a country's seat acting is its government
        ("Moscow proposed" -> RUSGOV); countries stay bare ("Israel" -> ISR)."""
        if actor and actor.country and not actor.sector and capital_country(strip_possessive(text)) \
                and not lookup_country(strip_possessive(text)):
            return replace(actor, code=f"{actor.country}GOV", sector="GOV")
        return actor

    def for_token(self, token: Token) -> Actor | None:
        """Actor of the noun phrase headed by ``token`` (None when unknown).

        A pronoun or bare "the group" is an actor only when resolved to an
        earlier mention (``mention_of``). An actor with a sector but no country
        takes the country of its context (``context_country``)."""
        actor = self._resolve(token)
        if actor is None:
            return None
        if _is_bare_reference(token) and token.i not in self.antecedent:
            return None
        # A group takes the country of where it is; a person's nationality is not told by that.
        if not actor.country and actor.sector in DOMESTIC_SECTORS and token.i not in self.antecedent \
                and token.i not in self.persons_by_token:
            country = self.context_country(token)
            if country:
                actor = replace(actor, country=country, code=make_code(country, actor.sector))
        return actor

    def mention_of(self, token: Token) -> Token | None:
        """The earlier mention a pronoun or "the group" was resolved to (None otherwise)."""
        i = self.antecedent.get(token.i)
        return token.doc[i] if i is not None else None

    def uncoded_name(self, token: Token) -> Actor | None:
        """A person or organisation named in the text that no dictionary knows: an
        actor without a code ("emit what is known")."""
        chain = self.persons_by_token.get(token.i)
        if chain is not None:
            return Actor(name=chain["name"], code=None, country=None, sector=None)
        if token.i in self.entity_actor_by_token and token.ent_type_ == "ORG":
            return Actor(name=self.entity_actor_by_token[token.i][0], code=None, country=None, sector=None)
        return None

    # --------------------------------------------------------------- context

    def context_country(self, token: Token) -> str | None:
        """Country of an actor that has none of its own: its own "based in X",
        "in X" or "from X"; else the place its clause happens in ("Gunmen
        attacked a village in X"); else the dateline's country."""
        for place in self._own_places(token):
            country = self.place_country(place)
            if country:
                return country
        clause = token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj", "agent", "pobj") else None
        if clause is not None and clause.dep_ == "agent":
            clause = clause.head
        if clause is not None and clause.pos_ in ("VERB", "AUX"):
            places = list(self._places_under(clause, ("in",), skip=token))
            for subject in clause.children:  # "Police in Kenya arrested protesters"
                if subject.dep_ in ("nsubj", "nsubjpass") and subject is not token:
                    places += self._places_under(subject, ("in",))
            for place in places:
                country = self.place_country(place)
                if country:
                    return country
        return self.dateline_country

    def _own_places(self, token: Token):
        yield from self._places_under(token, ("in", "from"))
        for child in token.children:  # "a group based in Mali"
            if child.dep_ in ("acl", "amod") and child.lower_ in role_lexicon()["located_words"]:
                yield from self._places_under(child, ("in",))

    @staticmethod
    def _places_under(head: Token, preps: tuple[str, ...], skip: Token | None = None):
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj is not skip and (obj.pos_ == "PROPN" or obj.ent_type_ in
                                                                   ("GPE", "LOC", "FAC")):
                        yield obj

    def place_country(self, token: Token) -> str | None:
        """Country of a place: a country, a capital, a city or province."""
        if token.i in self.entity_actor_by_token:
            text, actor = self.entity_actor_by_token[token.i]
            if actor is not None and actor.country and not actor.sector:
                return actor.country
        else:
            text = " ".join(t.text for t in token.subtree if t.dep_ in ("compound",) or t is token)
        iso3 = lookup_country(text) or capital_country(text) or phoenix_country(text, ("name", "place"))
        if iso3:
            return iso3
        from .place_gazetteer import Gazetteer
        resolved = Gazetteer.shared().resolve(text)
        return resolved.country if resolved is not None and resolved.feature != "other" else None

    def _resolve(self, token: Token) -> Actor | None:
        if token.i in self.persons_by_token:
            return self.persons_by_token[token.i]["actor"]
        if token.i in self.entity_actor_by_token:
            text, actor = self.entity_actor_by_token[token.i]
            if actor is not None:
                group = self._group_actor(token) if is_role_word(token.lemma_) else None
                return group or self.as_acting(actor, text)
        if token.pos_ == "PRON":
            return self._pronoun_actor(token)
        if token.pos_ == "PROPN" and token.dep_ != "compound":
            named = self.from_name(token.text)
            if named is not None:
                return self.as_acting(named, token.text)
        actor = self._group_actor(token) or self._person_by_role(token) or self._group_anaphor(token)
        if actor is None:
            actor = self._owner_of_thing(token)
            if actor is not None and not looks_like_people(token.lower_):
                self.owner_derived.add(token.i)
        return actor or self._bare_group(token)

    def _owner_of_thing(self, token: Token) -> Actor | None:
        """"a Russian refinery", "Hezbollah positions", "Ghana's candidate": a thing
        belongs to the country or group named before it."""
        if token.pos_ != "NOUN":
            return None
        for child in token.lefts:
            if child.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            actor = self._actor_of_modifier(child)
            if actor is not None and (actor.country or actor.sector in ("IGO", "NGO", "REB")):
                if actor.role:  # "Netanyahu's plan" is the government's
                    return Actor(name=self._head_phrase(token), code=actor.code,
                                 country=actor.country, sector=actor.sector)
                return Actor(name=self._head_phrase(token), code=actor.code if actor.sector else actor.country,
                             country=actor.country, sector=actor.sector)
        return None

    def _bare_group(self, token: Token) -> Actor | None:
        """"gunmen", "the police", "protesters": a sector without a country."""
        if token.pos_ != "NOUN":
            return None
        sector = role_sector(self._head_phrase(token), strict=True)
        if sector in BARE_SECTORS:
            return Actor(name=self._head_phrase(token), code=sector, country=None, sector=sector)
        return None

    def _reporting_subject(self, token: Token) -> Actor | None:
        """"Hamas said it would ...", "Iran says it will ...": the pronoun subject of
        a reported clause is the one who reports."""
        if token.lower_ not in ("it", "he", "she", "they", "we") or token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause = token.head
        if clause.dep_ != "ccomp":
            return None
        speaker = next((c for c in clause.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
        if speaker is None:
            return None
        actor = self.for_token(speaker)
        if actor is None:
            return None
        is_person = speaker.i in self.persons_by_token
        # "it" is an organisation or a country, "he"/"she" a person.
        if (token.lower_ in ("he", "she")) != is_person:
            return None
        self.antecedent[token.i] = self.antecedent.get(speaker.i, speaker.i)
        return actor

    def _subject_person_after(self, token: Token) -> Actor | None:
        """"Following his meetings, Dermer met ...": a pronoun before the main
        verb points forward to the sentence's subject when that is a person."""
        root = token.sent.root
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.i < token.i or token.head.i > root.i:
            return None
        person = self.persons_by_token.get(subject.i)
        if person is None:
            return None
        self.antecedent[token.i] = subject.i
        return person["actor"]

    def _group_anaphor(self, token: Token) -> Actor | None:
        """"the group", "the militant group": the last armed group, body or
        organisation named before, within 80 tokens."""
        if token.lemma_.lower() not in role_lexicon().get("group_anaphors", []):
            return None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return None
        best = None
        for i, (_text, actor) in self.entity_actor_by_token.items():
            if actor is not None and actor.sector in ("REB", "IGO", "NGO") and i < token.i \
                    and token.i - i < 80 and (best is None or i > best[0]):
                best = (i, actor)
        if best is None:
            return None
        self.antecedent[token.i] = best[0]
        return best[1]

    def _modifier_countries_and_actors(self, token: Token) -> tuple[str | None, Actor | None]:
        """Country and organisation carried by the head's modifiers and of-phrase."""
        country, org = None, None
        candidates = [c for c in token.children if c.dep_ in _MODIFIER_DEPS]
        candidates += [p.children.__next__() for p in token.children
                       if p.dep_ == "prep" and p.lower_ in ("of", "from") and any(True for _ in p.children)]
        for child in candidates:
            actor = self._actor_of_modifier(child)
            if actor is None:
                continue
            if actor.sector and actor.sector not in ("GOV",) and org is None:
                org = actor
            country = country or actor.country
        return country, org

    def _actor_of_modifier(self, child: Token) -> Actor | None:
        if child.i in self.persons_by_token:
            return self.persons_by_token[child.i]["actor"]
        if child.i in self.entity_actor_by_token:
            return self.entity_actor_by_token[child.i][1]
        iso3 = demonym_country(child.text) or lookup_country(child.text)
        if iso3:
            return Actor(name=child.text, code=iso3, country=iso3)
        if child.dep_ in ("poss", "pobj") or child.pos_ == "PROPN":
            return self.from_name(child.text)
        return None

    def _group_actor(self, token: Token) -> Actor | None:
        """"Lebanese officials", "Israel's air force", "Hezbollah fighters"."""
        phrase = self._head_phrase(token)
        sector = role_sector(phrase)
        if sector is None:
            return None
        country, org = self._modifier_countries_and_actors(token)
        if org is not None and sector in ("REB", "GOV", "MIL") and org.sector in ("REB", "IGO", "NGO"):
            return Actor(name=phrase, code=org.code, country=org.country, sector=org.sector)
        if org is not None and not country:
            return Actor(name=phrase, code=org.code, country=org.country, sector=org.sector)
        if not country:
            return None
        actor = Actor(name=phrase, code=make_code(country, sector), country=country, sector=sector)
        if token.tag_ == "NN":
            self.recent_roles[token.lemma_.lower()] = (actor, token.i)
        return actor

    @staticmethod
    def _head_phrase(token: Token) -> str:
        """The head noun with its compound/adjective words ("air force", "security officials")."""
        left = [c for c in token.lefts if c.dep_ in ("compound", "amod") and c.i == token.i - 1]
        words = [c.text for c in left] + [token.text]
        return " ".join(words)

    def _person_by_role(self, token: Token) -> Actor | None:
        """"the minister", "the Israeli prime minister" -> the person introduced
        with that role earlier in the article, when exactly one fits."""
        phrase = self._head_phrase(token).lower()
        if role_sector(phrase) is None:
            return None
        country, _ = self._modifier_countries_and_actors(token)
        matches = [p for p in self.persons
                   if p.get("role") and p["first"] < token.idx and phrase_matches_role(phrase, p["role"])
                   and (country is None or (p["actor"] and p["actor"].country == country))]
        if len({id(p) for p in matches}) == 1:
            mention = self._last_mention(matches[0], token.i)
            if mention is not None and _is_bare_reference(token):
                self.antecedent[token.i] = mention
            return matches[0]["actor"]
        if not matches and country is None and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            found = self.recent_roles.get(token.lemma_.lower())
            if found is not None and _is_bare_reference(token):
                self.antecedent[token.i] = found[1]
            return found[0] if found else None
        return None

    def _last_mention(self, chain: dict, before: int) -> int | None:
        """Token index of the chain's last mention before token ``before``."""
        mentions = [i for i, c in self.persons_by_token.items() if c is chain and i < before]
        return max(mentions) if mentions else None

    def _pronoun_actor(self, token: Token) -> Actor | None:
        """"he"/"his"/"she": the last person mentioned before, within 60 tokens."""
        reporter = self._reporting_subject(token)
        if reporter is not None:
            return reporter
        if token.lower_ not in ("he", "she", "him", "her", "his"):
            return None
        ahead = self._subject_person_after(token)
        if ahead is not None:
            return ahead
        best = None
        for i, person in self.persons_by_token.items():
            if i < token.i and token.i - i < 60 and (best is None or i > best[0]):
                best = (i, person)
        if best is None:
            return None
        self.antecedent[token.i] = best[0]
        return best[1]["actor"]


def phrase_matches_role(phrase: str, role: str) -> bool:
    """"the minister" fits "Strategic Affairs Minister"; "prime minister" fits "Prime Minister"."""
    words = [w for w in phrase.split() if w not in ("the", "a")]
    head = " ".join(words[-2:]) if len(words) > 1 else words[-1] if words else ""
    role = role.lower()
    return bool(head) and (head in role or role.endswith(words[-1]))
