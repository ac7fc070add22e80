"""Events: who did what to whom, coded in CAMEO and PLOVER, with modality.

Rule and pattern matching on the existing dependency parse (no extra model):

1. **Triggers.** A verb whose lemma has patterns in ``lexicons/event_verbs.yaml``
   ("attack", "visit", "sign" + agreement), or a noun of
   ``lexicons/event_nouns.yaml`` ("visit to Russia", "airstrikes on Tyre",
   "talks with Hezbollah") that has an actor of its own (possessor, actor
   modifier, "by" agent, or the subject of a light verb: "made a visit").
2. **Governors.** A verb or adjective taking the event as complement decides
   the final code or only the modality: "agreed to withdraw" -> 0356 (AGREE),
   "urged Israel to halt" / "called for a cease-fire" -> 02x (REQUEST,
   modality ``requested``), "refused to meet" -> 125 (REJECT), "threatened to
   strike" -> 138x, "plans to visit" / "willing to withdraw" -> planned,
   "denied supplying" / "failed to capture" -> negated; an alleged act
   ("accused Kyiv of attacking") is not coded at all.
3. **Source and target** from the parse: subject / object, passive ("was
   attacked by X": X is the source), subjects inherited through xcomp, advcl
   and conjunctions, relative clauses ("Russia, which attacked ..."),
   coordination (one event per actor pair: "Hungarian and Romanian officials
   agreed"). Actors are coded by ``actors.ActorCoder`` (persons keep their
   role; capitals acting are governments; places give their country). No
   target is better than a wrong one: a counterpart that is not an actor is
   dropped.
4. **Modality.** negated ("did not attack", "no talks"), hypothetical ("if",
   "in case of", could/might/may), planned (will, would, going to, plans to,
   willing to), requested (asked for), else asserted.
5. **Precision.** A reporting verb is never an event: statements (CAMEO 01)
   need a target actor ("told Trump") and a claim cue is never a statement
   trigger. An event needs at least one actor. Duplicates within one
   sentence (same root, source and target) are merged, keeping the most
   specific code. An event is never dropped only because its actors have no
   code: a sector alone, or a name without a code, is emitted as it is.

Codes, labels, Goldstein values and quad classes come from
``lexicons/cameo_codes.tsv``; the PLOVER type and mode from
``lexicons/cameo_plover.tsv``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Token

from .. import lexicons
from ..model import Actor, ActorRef, Event, Plover, Span
from .actor_dictionary import ActorIndex
from .actors import WEAK_SECTORS, ActorCoder
from .pipeline import Context, component

_NEGATORS = {"not", "n't", "never", "no", "without"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "'d"}
_MAYBE_AUX = {"could", "might", "may"}
_CONDITION_MARKS = {"if", "unless", "whether"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}
_RELATIVE = {"who", "which", "that", "whom"}
_QUANTITY_HEADS = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "million", "millions",
                   "scores", "group", "number", "some", "many", "most"}
_REQUEST_ROOTS = ("02", "10")
# Statement targets must be someone it is addressed to, not "reporters".
_ADDRESSEE_WEAK = {"MED", "CVL", "REF", "BUS"}
_INHERIT_DEPS = {"xcomp", "advcl", "conj", "pcomp", "acomp", "acl"}
# An adverbial clause shares its subject with the main verb only when it is a
# purpose ("visited Israel to discuss") or time clause ("before traveling").
_SHARED_SUBJECT_MARKS = {"to", "before", "after", "while", "when", "by", "without"}


# --------------------------------------------------------------------- tables


@dataclass
class CameoTables:
    codes: dict[str, dict]
    plover: dict[str, tuple[str, str | None]]
    verbs: dict[str, list[dict]]
    nouns: dict[str, list[dict]]
    governors: dict[str, set[str]]
    governor_codes: dict[str, dict[str, str]]
    light_verbs: set[str]
    anchor_verbs: set[str]
    reciprocal: set[str]
    military_objects: set[str]
    place_nouns: set[str]
    converted: dict[str, list[dict]] = field(default_factory=dict)  # PETRARCH2 patterns, by lemma
    plover_2021: dict[str, dict] = field(default_factory=dict)  # PLOVER's own CAMEO table
    intent_markers: set[str] = field(default_factory=set)
    intent_exempt_roots: set[str] = field(default_factory=set)
    obligation_aux: set[str] = field(default_factory=set)
    demand_reporting: set[str] = field(default_factory=set)
    demand_preps: dict[str, str] = field(default_factory=dict)
    object_owner_preps: set[str] = field(default_factory=set)
    known_verbs: set[str] = field(default_factory=set)  # every verb lemma some table names

    def describe(self, code: str) -> tuple[float, int, Plover]:
        row = self.codes.get(code) or self.codes[code[:3]] if code[:3] in self.codes else self.codes[code[:2]]
        return float(row["goldstein"]), int(row["quad_class"]), self.plover_of(code)

    def plover_of(self, code: str) -> Plover:
        """PLOVER's own crosswalk (``cameo_plover_2021.tsv``) decides the type;
        its mode when it gives one, else crosswire's mode when crosswire's table
        agrees on the type. Codes PLOVER's table lacks (CAMEO 01 statements, 02
        appeals) keep crosswire's mapping (``cameo_plover.tsv``)."""
        own_type, own_mode = self.plover.get(code, ("STATEMENT", None))
        row = self.plover_2021.get(code)
        if row is None:
            return Plover(own_type, own_mode)
        mode = row["plover_mode"] or (own_mode if own_type == row["plover_type"] else None)
        return Plover(row["plover_type"], mode, row["plover_context"] or None)


@lru_cache(maxsize=None)
def tables() -> CameoTables:
    verbs = lexicons.load("event_verbs.yaml")
    nouns = lexicons.load("event_nouns.yaml")
    codes = {row["code"]: row for row in lexicons.load("cameo_codes.tsv")}
    found = _tables(verbs, nouns, codes)
    found.known_verbs = set(found.verbs) | set(found.converted) | found.light_verbs | found.anchor_verbs | {
        lemma for kind in found.governors.values() for lemma in kind}
    return found


def _tables(verbs: dict, nouns: dict, codes: dict) -> CameoTables:
    return CameoTables(
        codes=codes,
        plover={row["cameo"]: (row["plover_type"], row["plover_mode"] or None)
                for row in lexicons.load("cameo_plover.tsv")},
        verbs=verbs["verbs"], nouns=nouns["nouns"],
        governors={k: set(v) for k, v in verbs["governors"].items()},
        governor_codes=verbs["codes"], light_verbs=set(verbs["light_verbs"]),
        anchor_verbs=set(verbs["anchor_verbs"]), reciprocal=set(verbs["reciprocal"]),
        military_objects=set(verbs["military_objects"]), place_nouns=set(verbs["place_nouns"]),
        converted=converted_verb_patterns(set(codes)),
        plover_2021={row["cameo"]: row for row in lexicons.load("cameo_plover_2021.tsv")},
        intent_markers=set(verbs["cameo_rules"]["intent_markers"]),
        intent_exempt_roots={str(r) for r in verbs["cameo_rules"]["intent_exempt_roots"]},
        obligation_aux=set(verbs["cameo_rules"]["obligation_aux"]),
        demand_reporting=set(verbs["cameo_rules"]["demand_reporting"]),
        demand_preps=verbs["cameo_rules"]["demand_preps"],
        object_owner_preps=set(verbs["object_owner_preps"]))


# Where a converted pattern without a target of its own looks for one, in order
# (only an actor found there counts).
_CONVERTED_TARGETS = ["dobj", "iobj", "with", "against", "on", "at", "to", "toward", "into"]


def converted_verb_patterns(known_codes: set[str]) -> dict[str, list[dict]]:
    """``event_verbs_petrarch.tsv`` (see scripts/convert_cameo_verbs.py) as
    patterns in the shape of ``event_verbs.yaml``, by verb lemma. A code our
    CAMEO table lacks ("1213") becomes its longest known prefix."""
    out: dict[str, list[dict]] = {}
    for row in lexicons.load("event_verbs_petrarch.tsv"):
        code = row["code"]
        while code != "---" and code not in known_codes and len(code) > 2:
            code = code[:-1]
        pattern: dict = {"code": code, "converted": True}
        for name in ("prt", "prep"):
            if row[name]:
                pattern[name] = row[name]
        for name in ("subj", "obj", "obj_mod"):
            if row[name]:
                pattern[name] = row[name].split("|")
        if row["prep_obj"]:
            prep, _, nouns = row["prep_obj"].partition(":")
            pattern["prep_obj"] = {prep: nouns.split("|")}
        if row["target"]:
            pattern["target"] = [row["target"]]
        elif row["prep"]:  # "stood by Warsaw": a bare preposition's object is the counterpart
            pattern["target"] = [row["prep"], *_CONVERTED_TARGETS]
        else:
            pattern["target"] = _CONVERTED_TARGETS
        if row["isolated"]:
            # A bare verb is an event only with a counterpart ("backed Kyiv");
            # force words need an actor hit ("struck a deal" is no attack).
            pattern["needs_target"] = True
            if code[:2] in ("18", "19", "20"):
                pattern["needs_actor_object"] = True
        for lemma in row["verbs"].split(","):
            out.setdefault(lemma, []).append(pattern)
    return out


def governed_code(kind: str, inner: str) -> str:
    """Code of a governor ("agree", "urge") over an inner event code, by the
    longest matching prefix of the inner code in ``codes.<kind>``."""
    table = tables().governor_codes[kind]
    for size in (4, 3, 2):
        if inner[:size] in table:
            return table[inner[:size]]
    return table["default"]


# ----------------------------------------------------------------- candidates


@dataclass
class Candidate:
    trigger: Token
    code: str
    sources: list[tuple[Token, Actor | None]] = field(default_factory=list)
    targets: list[tuple[Token, Actor | None]] = field(default_factory=list)
    modality: str = "asserted"
    specific: int = 0  # how many pattern conditions held
    trigger_from: Token | None = None  # first word of a longer trigger ("confrontational stance")
    reciprocal: bool = False  # coordinated subjects act on each other
    folded: bool = False  # made by a governor from its complement
    intent: bool = False  # a future, offered or intended act ("will visit", "willing to withdraw")


def pick_pattern(patterns: list[dict], token: Token, obj: Token | None) -> dict | None:
    """The applicable pattern with most conditions (first listed on ties)."""
    best, best_score = None, -1
    for pattern in patterns:
        score = 0
        if "prt" in pattern:
            # The small model often tags a particle as advmod: accept it right after the verb.
            if not any(c.lower_ == pattern["prt"] and (c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == token.i + 1))
                       for c in token.children):
                continue
            score += 1
        if "prep" in pattern:
            if not any(c.dep_ in ("prep", "dative", "agent") and c.lower_ == pattern["prep"] for c in token.children):
                continue
            score += 1
        if "obj" in pattern and pattern["obj"]:
            if obj is None or not word_keys(obj) & set(pattern["obj"]):
                continue
            score += 1
        if "obj_mod" in pattern:
            if obj is None or not all(any(c.lower_ == word or c.lemma_.lower() == word for c in obj.children)
                                      for word in pattern["obj_mod"]):
                continue
            score += 1
        if "subj" in pattern:
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None or not word_keys(subject) & set(pattern["subj"]):
                continue
            score += 1
        if "not_obj" in pattern and obj is not None and obj.lemma_.lower() in pattern["not_obj"]:
            continue
        if "not_mod" in pattern and any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in pattern["not_mod"]
                                        for c in token.children):
            continue  # "trade war" is not a war
        if "amod" in pattern:
            if not any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in pattern["amod"] for c in token.children):
                continue
            score += 1
        if "head" in pattern:  # "organized a strike": the verb the noun is the object of
            if token.head.i == token.i or token.head.lemma_.lower() not in pattern["head"]:
                continue
            score += 1
        if "prep_obj" in pattern:
            if not _has_prep_object(token, pattern["prep_obj"]):
                continue
            score += 1
        if score > best_score:
            best, best_score = pattern, score
    return best


def verb_lemma(token: Token, known) -> str:
    """The verb's lemma, mended where the small model strips too much
    ("staged" -> "stag"): a regular form's stem is taken when that stem is a
    verb we know and the model's lemma is not."""
    lemma = token.lemma_.lower()
    if lemma in known or token.pos_ not in ("VERB", "AUX"):
        return lemma
    text = token.lower_
    stems = []
    if text.endswith("ed"):
        stems = [text[:-1], text[:-2]]
    elif text.endswith("ing"):
        stems = [text[:-3] + "e", text[:-3]]
    elif text.endswith("s"):
        stems = [text[:-1]]
    return next((stem for stem in stems if stem in known), lemma)


def word_keys(token: Token) -> set[str]:
    """The word, its lemma and a hyphenated compound it ends ("cease-fire")."""
    keys = {token.lower_, token.lemma_.lower()}
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_:
        keys.add(f"{doc[token.i - 2].lower_}-{token.lower_}")
    return keys


def _has_prep_object(token: Token, wanted: dict[str, list[str]]) -> bool:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in wanted:
            if any(o.lemma_.lower() in wanted[prep.lower_] for o in prep.children if o.dep_ == "pobj"):
                return True
    return False


def direct_object(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ in ("dobj", "obj")), None)


# --------------------------------------------------------------- the component


@component("events")
def make_events(config):
    fallback_index = None

    def events(ctx: Context) -> None:
        nonlocal fallback_index
        coder = ctx.shared.get("actor_coder")
        if coder is None:  # the entities component was left out of the pipeline
            fallback_index = fallback_index or ActorIndex.from_config({})
            coder = ActorCoder(fallback_index, ctx.record.published)
        EventCoder(ctx, coder).run()
    return events


class EventCoder:
    """Codes the events of one article."""

    def __init__(self, ctx: Context, coder: ActorCoder):
        self.ctx = ctx
        self.coder = coder
        self.t = tables()
        self.cue_chars = {i for c in ctx.record.claims for i in range(c.cue.start, c.cue.end)}
        self.place_country = sorted((p.start, p.end, p.country) for p in ctx.record.places if p.country)
        self._place_starts = [start for start, _, _ in self.place_country]
        self.entity_by_char = [(e.start, e.end, e.id) for e in ctx.record.entities]
        self.consumed: set[int] = set()  # triggers folded into a governor's event

    def run(self) -> None:
        candidates = []
        for token in self.ctx.doc:
            if token.i in self.consumed:
                continue
            candidate = self.verb_event(token) or self.noun_event(token)
            if candidate is not None:
                candidates.append(candidate)
        # A governor's own reading ("refused" -> 120) gives way to the folded one (125).
        candidates = [c for c in candidates if c.folded or c.trigger.i not in self.consumed]
        for candidate in candidates:
            self.code_intent(candidate)
        self.ctx.record.events = self.to_events(candidates)

    # ------------------------------------------------------------------ verbs

    def verb_event(self, token: Token) -> Candidate | None:
        if token.pos_ not in ("VERB",) and not (token.pos_ == "AUX" and token.lemma_ != "be"):
            return None
        lemma = verb_lemma(token, self.t.known_verbs)
        own, converted = self.t.verbs.get(lemma), self.t.converted.get(lemma)
        if converted and self._converted_gives_way(token, lemma):
            converted = None
        if not own and not converted:
            return None
        obj = direct_object(token)
        # crosswire's own patterns first; PETRARCH2's where none of ours applies.
        pattern = (pick_pattern(own, token, obj) if own else None) or \
            (pick_pattern(converted, token, obj) if converted else None)
        if pattern is None or pattern["code"] == "---" or self._object_controlled(token) or self._noun_subject_event(token, pattern) \
                or self._alleged(token):
            return None
        code = str(pattern["code"])
        candidate = Candidate(trigger=token, code=code, specific=len(pattern) - bool(pattern.get("converted")),
                              reciprocal=lemma in self.t.reciprocal)
        candidate.sources, candidate.targets = self.verb_roles(token, pattern)
        inner_request = self.request_object(token, code)
        if inner_request is not None:
            candidate.code, noun = inner_request
            if not any(a for _, a in candidate.targets):
                # "agreed to a cease-fire with the army": the noun's counterpart
                pattern_of_noun = pick_pattern(self.noun_patterns(noun) or [], noun, None)
                if pattern_of_noun is not None:
                    candidate.targets = self.noun_targets(noun, pattern_of_noun, candidate.sources) \
                        or candidate.targets
        if code.startswith("01"):
            candidate.targets = [(t, a) for t, a in candidate.targets
                                 if a is not None and a.code and a.sector not in _ADDRESSEE_WEAK]
        if pattern.get("needs_target") and not any(a for _, a in candidate.targets) \
                and not (candidate.reciprocal and len([a for _, a in candidate.sources if a]) > 1):
            return None
        if code.startswith("01") and (not candidate.targets or not any(a for _, a in candidate.sources)):
            return None  # a statement is an event only between two actors ("Trump told Starmer")
        if pattern.get("needs_actor_object") and obj is not None and not self._military_object(obj, candidate) \
                and (self.actor_of(obj) is None or obj.i in self.coder.owner_derived):
            return None
        # Only actors act: "Trump's tariffs targeting Canada" is no attack, "the
        # EU's vote" does not investigate. (An owned thing can still be a target.)
        candidate.sources = [(t, a) for t, a in candidate.sources if t.i not in self.coder.owner_derived]
        if pattern.get("state_subject_code") and any(
                a is not None and a.country and a.sector in (None, "GOV") and t.ent_type_ in ("GPE", "")
                and t.i not in self.coder.persons_by_token and t.lower_ not in ("people",)
                and t.tag_ != "NNS" for t, a in candidate.sources):
            candidate.code = str(pattern["state_subject_code"])
        if code[:2] in ("18", "19", "20"):
            if pattern.get("person_subject_code") and any(t.i in self.coder.persons_by_token
                                                          for t, _ in candidate.sources):
                candidate.code = str(pattern["person_subject_code"])  # a politician "attacked" someone in words
        candidate.modality = self.modality(token)
        candidate.intent = self._intent_marker(token)
        demand = self.must_demand(candidate)
        if demand is not None:
            return demand
        return self.apply_governor(candidate)

    def _converted_gives_way(self, token: Token, lemma: str) -> bool:
        """PETRARCH2's patterns stay out where crosswire's rules decide: a
        governor ("prepare", "plan" take the event as complement) and a light
        verb whose object is one of our event nouns ("held talks", "paid a
        visit", "filed a complaint": the noun is the event)."""
        if self.governor_kind(token) is not None or lemma in self.t.governors["transparent"]:
            return True
        obj = direct_object(token)
        return lemma in self.t.light_verbs and obj is not None and bool(self.noun_patterns(obj))

    def _military_object(self, obj: Token, candidate: Candidate) -> bool:
        """"Israeli jets struck targets": a military object hit by an actor."""
        return bool(word_keys(obj) & self.t.military_objects) and any(
            a is not None and a.country for _, a in candidate.sources)

    def _alleged(self, token: Token) -> bool:
        """"accused Kyiv of attacking civilians": an allegation, not an event."""
        head = token.head
        return token.dep_ == "pcomp" and head.lower_ in ("of", "for") and \
            head.head.lemma_.lower() in self.t.governors.get("alleged", set())

    def _object_controlled(self, token: Token) -> bool:
        """"pressured Israel to allow aid": what the object is pushed to do is not
        an event of its own (unless a governor, e.g. "urged", folds it)."""
        head = token.head
        return token.dep_ == "xcomp" and direct_object(head) is not None \
            and self.governor_kind(head) is None and head.lemma_.lower() in self.t.verbs

    def _noun_subject_event(self, token: Token, pattern: dict) -> bool:
        """"Israeli airstrikes killed 12": the subject noun is the event; the verb
        only reports its toll."""
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None or not self.noun_patterns(subject):
            return False
        inner = self.noun_code(subject)
        return bool(inner) and inner[:2] in ("18", "19", "20") and str(pattern["code"])[:2] in ("18", "19", "20")

    def verb_roles(self, token: Token, pattern: dict):
        """(sources, targets) for a verb trigger, voice and coordination included."""
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
        where = pattern.get("target", ["dobj"])
        if passive:
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            sources = self.actors_of(next((g for g in agent.children if g.dep_ == "pobj"), None)) if agent else []
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            if subject is not None and subject.lower_ in _RELATIVE and token.dep_ == "relcl":
                subject = token.head  # "police, who were deployed to Haiti"
            targets = self.actors_of(subject) if "dobj" in where else []
            if not targets:
                targets = self.targets_at(token, [w for w in where if w != "dobj"])
            return sources, targets
        targets = self.targets_at(token, where)
        if not any(a for _, a in targets):
            targets = self.targets_of_asked_clause(token) or self.targets_of_event_object(token) \
                or self.targets_inside_object(token, where) or targets
        return self.actors_of(self.subject_of(token)), targets

    def targets_inside_object(self, token: Token, where: list[str]) -> list:
        """"condemned calls by X", "rejected an offer from X", "denounced X's
        suppression of ...", "the sanctions imposed by X": when the object is
        no actor, the actor it belongs to (possessor, "by" / "from" phrase, the
        agent of a participle) is the one acted on. Also for patterns whose
        object is a thing, not a target ("rejected criticism from the EU")."""
        obj = direct_object(token)
        if obj is None or self.actor_of(obj) is not None:
            return []
        for child in obj.children:
            if child.dep_ == "poss":
                found = self.actors_of(child)
                if any(a for _, a in found):
                    return found
        owners = [c for c in obj.children if c.dep_ == "prep"]
        for participle in obj.children:  # "the sanctions imposed by Washington"
            if participle.dep_ == "acl" and participle.tag_ == "VBN":
                owners += [c for c in participle.children if c.dep_ == "agent"]
        for prep in owners:
            if prep.lower_ in self.t.object_owner_preps:
                for node in prep.children:
                    if node.dep_ == "pobj":
                        found = self.actors_of(node)
                        if any(a for _, a in found):
                            return found
        return []

    def targets_of_asked_clause(self, token: Token) -> list:
        """"demanded that the Philippines withdraw": the clause's subject is asked."""
        if self.governor_kind(token) not in ("request", "demand"):
            return []
        for clause in token.children:
            if clause.dep_ == "ccomp":
                subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                found = self.actors_of(subject)
                if any(a for _, a in found):
                    return found
        return []

    def targets_of_event_object(self, token: Token) -> list:
        """"rejected talks with Seoul": the object event's counterpart."""
        obj = direct_object(token)
        if obj is None:
            return []
        patterns = self.noun_patterns(obj)
        pattern = pick_pattern(patterns, obj, None) if patterns else None
        if pattern is None:
            return []
        return self.noun_targets(obj, pattern, [])

    def targets_at(self, token: Token, where: list[str]) -> list[tuple[Token, Actor | None]]:
        for place in where:
            for node in self._role_nodes(token, place):
                found = self.actors_of(node)
                if any(a for _, a in found):
                    return found
        return []

    def _role_nodes(self, token: Token, place: str) -> list[Token]:
        if place == "dobj":
            return [c for c in token.children if c.dep_ in ("dobj", "obj")]
        if place == "iobj":
            out = [c for c in token.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
            return out
        if place == "compound":
            return [c for c in token.children if c.dep_ in ("compound", "amod", "nmod") and c.i < token.i]
        nodes = []
        for prep in token.children:
            if prep.dep_ in ("prep", "dative", "agent") and prep.lower_ == place:
                nodes += [g for g in prep.children if g.dep_ == "pobj"]
        # "X and Y discussed ... with Z" may attach the prep to the object.
        obj = direct_object(token)
        if not nodes and obj is not None:
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == place:
                    nodes += [g for g in prep.children if g.dep_ == "pobj"]
        return nodes

    def subject_of(self, token: Token, depth: int = 0) -> Token | None:
        """The subject, inherited through complements, relative clauses and conjunctions."""
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in _RELATIVE and token.dep_ == "relcl":
                    return token.head
                return child
        if token.dep_ == "relcl":
            return token.head
        misparsed = next((c for c in token.children if c.dep_ == "npadvmod" and c.pos_ == "PROPN"
                          and c.i < token.i), None)
        if misparsed is not None and token.dep_ == "ROOT":
            return misparsed  # "Azerbaijan massed troops": the small model's npadvmod
        if token.dep_ == "acl" and token.tag_ in ("VBG", "VBN"):
            return token.head if token.tag_ == "VBG" else None
        if depth < 3 and token.dep_ in _INHERIT_DEPS and token.head.i != token.i:
            head = token.head
            fronted_participle = token.tag_ in ("VBG", "VBN") and token.i < head.i
            # "Jets struck Gaza, killing 12": the trailing participle's subject is the main verb's.
            trailing_participle = token.tag_ == "VBG" and token.i > head.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
            if token.dep_ == "advcl" and not fronted_participle and not trailing_participle and not any(
                    c.dep_ in ("aux", "mark") and c.lower_ in _SHARED_SUBJECT_MARKS for c in token.children):
                return None
            if head.pos_ == "ADP":  # "before traveling": prep -> verb
                head = head.head
            if token.dep_ == "xcomp":
                # "urged Israel to halt": the object of the governor is the subject.
                obj = direct_object(head)
                if obj is not None and head.lemma_.lower() in self.t.governors["request"] | self.t.governors["demand"]:
                    return obj
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                return self.subject_of(head, depth + 1)
        return None

    def request_object(self, token: Token, code: str) -> tuple[str, Token] | None:
        """"called for a cease-fire" -> 0256, "agreed to a truce" -> 0356: an
        appeal, demand or promise about an event noun (the code, and the noun)."""
        kind = self.governor_kind(token)
        if kind not in ("request", "demand", "intent"):
            return None
        preps = ("to", "on") if kind == "intent" else ("for",)
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in preps:
                for noun in prep.children:
                    inner = self.noun_code(noun)
                    if inner:
                        self.consumed.add(noun.i)
                        return governed_code(kind, inner), noun
        obj = direct_object(token)
        if obj is not None and token.lemma_.lower() in ("demand", "request", "seek"):
            inner = self.noun_code(obj)
            if inner:
                self.consumed.add(obj.i)
                return governed_code(kind, inner), obj
        return None

    def noun_patterns(self, noun: Token) -> list[dict] | None:
        """Patterns for a noun, trying a hyphenated compound first ("cease-fire"
        is three tokens), then the word, then its lemma."""
        doc = noun.doc
        if noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 2].whitespace_ \
                and not doc[noun.i - 1].whitespace_:
            found = self.t.nouns.get(f"{doc[noun.i - 2].lower_}-{noun.lower_}")
            if found:
                return found
        return self.t.nouns.get(noun.lower_) or self.t.nouns.get(noun.lemma_.lower())

    def noun_start(self, noun: Token) -> Token | None:
        doc = noun.doc
        if noun.i >= 2 and doc[noun.i - 1].text == "-" and not doc[noun.i - 2].whitespace_ \
                and f"{doc[noun.i - 2].lower_}-{noun.lower_}" in self.t.nouns:
            return doc[noun.i - 2]
        return None

    def noun_code(self, noun: Token) -> str | None:
        patterns = self.noun_patterns(noun)
        if not patterns:
            return None
        pattern = pick_pattern(patterns, noun, None)
        return str(pattern["code"]) if pattern else None

    # -------------------------------------------------------------- governors

    def governor_kind(self, token: Token) -> str | None:
        lemma = token.lemma_.lower()
        prep = self.t.demand_preps.get(lemma)
        if prep and any(c.dep_ == "prep" and c.lower_ == prep for c in token.children):
            return "demand"  # "called on Hungary to drop the law"
        for kind in ("intent", "request", "demand", "refuse", "threaten", "planned", "failed", "stopped", "denied"):
            if lemma in self.t.governors[kind]:
                return "failed" if kind in ("stopped", "denied") else kind
        if token.pos_ == "ADJ" and lemma in self.t.governors["planned_adj"]:
            return "planned"
        if token.pos_ == "ADJ" and lemma in self.t.governors["hypothetical_adj"]:
            return "hypothetical"
        return None

    def governor_of(self, token: Token) -> Token | None:
        """The verb or adjective an event is the complement of, if any
        ("agreed to withdraw", "willing to withdraw", "refrain from vetoing"),
        looking through "keep", "continue" ("pledged to keep supporting")."""
        governor = self._direct_governor(token)
        while governor is not None and governor.lemma_.lower() in self.t.governors["transparent"] \
                and self._direct_governor(governor) is not None:
            governor = self._direct_governor(governor)
        return governor

    @staticmethod
    def _direct_governor(token: Token) -> Token | None:
        if token.dep_ in ("xcomp", "ccomp") or (token.dep_ == "advcl" and token.head.pos_ == "ADJ"):
            return token.head
        if token.dep_ == "conj" and token.head.dep_ == "xcomp":
            return token.head.head  # "threatened to close or suspend": both are threatened
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.lower_ in ("from", "to"):
            return token.head.head
        return None

    def apply_governor(self, candidate: Candidate) -> Candidate:
        """Fold an event into the verb or adjective that governs it, if any."""
        token = candidate.trigger
        governor = self.governor_of(token)
        if governor is None:
            return candidate
        kind = self.governor_kind(governor)
        if kind is None or (governor.lemma_.lower() == "tell" and token.dep_ == "ccomp"):
            return candidate  # "told reporters that ..." reports; "told X to ..." demands
        own = self.modality(governor)
        if kind in ("planned", "hypothetical", "failed"):
            if candidate.modality in ("asserted", "planned"):
                candidate.modality = {"planned": "planned", "hypothetical": "hypothetical",
                                      "failed": "negated"}[kind]
            if own != "asserted":  # "may choose to refrain", "did not plan to"
                candidate.modality = own
            if not any(a for _, a in candidate.sources):
                candidate.sources = self.actors_of(self.subject_of(governor))
            return candidate
        # intent / request / demand / refuse / threaten: one event on the governor.
        self.consumed.add(governor.i)
        folded = Candidate(trigger=governor, code=governed_code(kind, candidate.code),
                           specific=candidate.specific + 1, folded=True,
                           reciprocal=governor.lemma_.lower() in self.t.reciprocal)
        folded.sources = self.actors_of(self.subject_of(governor))
        asked = direct_object(governor) if kind in ("request", "demand") else None
        if asked is None and kind in ("request", "demand") and token.dep_ == "ccomp":
            asked = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        folded.targets = self.actors_of(asked) if asked is not None and self.actor_of(asked) else candidate.targets
        if kind in ("request", "demand"):
            on = self._role_nodes(governor, "on")
            if on and not asked:
                folded.targets = self.actors_of(on[0]) or folded.targets
            folded.modality = "requested" if own == "asserted" else own
        else:
            folded.modality = own
        candidate.trigger = governor  # so the inner trigger is not coded again
        self.consumed.add(token.i)
        return self.apply_governor(folded) if governor.dep_ in ("xcomp",) else folded

    # ------------------------------------------------------------ CAMEO's rules

    def _intent_marker(self, token: Token) -> bool:
        """"will visit", "would blockade", "plans to attack", "is willing to
        withdraw": the act is announced, not done (a forecast such as "is
        expected to" is not an intent)."""
        chain = self._verb_chain(token)
        auxes = {c.lower_ for t in chain for c in t.children if c.dep_ in ("aux", "auxpass")}
        if auxes & _FUTURE_AUX or self._going_to(token):
            return True
        governor = self.governor_of(token)
        return governor is not None and governor.lemma_.lower() in self.t.intent_markers

    def code_intent(self, candidate: Candidate) -> None:
        """CAMEO codes an announced act as the intent to do it: cooperation
        becomes 03x (PLOVER AGREE), conflict 13x (THREATEN), unless someone
        else is guessing at the actor's intent ("a person close to Hezbollah
        said the group would be willing to withdraw": the act stays, planned)."""
        root = candidate.code[:2]
        if not candidate.intent or candidate.modality not in ("planned", "hypothetical") \
                or root in self.t.intent_exempt_roots or self._relayed_by_other(candidate):
            return
        kind = "intent" if root < "10" else "threaten"
        candidate.code = governed_code(kind, candidate.code)
        candidate.modality = "asserted"  # the intent itself is stated

    def _relayed_by_other(self, candidate: Candidate) -> bool:
        start = candidate.trigger.idx
        source = next((a for _, a in candidate.sources if a is not None), None)
        for claim in self.ctx.record.claims:
            if claim.content.start <= start < claim.content.end:
                speaker = claim.source.actor if claim.source else None
                if source is None:
                    return False
                if speaker is None or not (speaker.code or speaker.country):
                    return True
                return not ((speaker.country and speaker.country == source.country)
                            or (speaker.code and speaker.code == source.code))
        return False

    def must_demand(self, candidate: Candidate) -> Candidate | None:
        """"Kenya said Uganda must release him": a demand (10x) by the speaker
        on the clause's subject, coded on the demanded act."""
        token = candidate.trigger
        if not any(c.dep_ == "aux" and c.lower_ in self.t.obligation_aux for c in token.children):
            return None
        head = token.head
        if token.dep_ != "ccomp" or head.lemma_.lower() not in self.t.demand_reporting:
            return None
        speakers = self.actors_of(self.subject_of(head))
        asked = candidate.sources
        speaker_codes = {a.code for _, a in speakers if a is not None}
        if not speaker_codes or not any(a for _, a in asked) or \
                speaker_codes & {a.code for _, a in asked if a is not None}:
            return None  # "Kenya said it must act": an obligation, not a demand
        demand = Candidate(trigger=token, code=governed_code("demand", candidate.code),
                           specific=candidate.specific + 1, folded=True)
        demand.sources, demand.targets = speakers, asked
        demand.modality = "requested" if self.modality(head) == "asserted" else self.modality(head)
        return demand

    # ------------------------------------------------------------------ nouns

    def noun_event(self, token: Token) -> Candidate | None:
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        patterns = self.noun_patterns(token)
        if not patterns:
            return None
        pattern = pick_pattern(patterns, token, None)
        if pattern is None:
            return None
        if self._is_instrument(token) or self._object_of_event_verb(token) or token.dep_ == "compound":
            return None  # "a ceasefire deal": the noun only modifies another
        code = str(pattern["code"])
        candidate = Candidate(trigger=token, code=code, specific=len(pattern),
                              trigger_from=self.noun_start(token),
                              reciprocal=code[:2] in ("04", "06") or code == "057" or token.lemma_.lower() in ("clash", "fighting"))
        if "amod" in pattern:
            candidate.trigger_from = min((c for c in token.children if c.dep_ in ("amod", "compound")
                                          and c.lemma_.lower() in pattern["amod"]), key=lambda c: c.i)
        light = self.anchor_verb(token)
        candidate.sources = self.noun_sources(token, pattern, light)
        candidate.targets = self.noun_targets(token, pattern, candidate.sources, light)
        if pattern.get("needs_target") and not any(a for _, a in candidate.targets):
            return None
        if not _has_actor(candidate):
            return None
        if code.startswith("01") and not (any(a for _, a in candidate.sources) and any(
                a is not None and (a.country or a.sector not in _ADDRESSEE_WEAK) for _, a in candidate.targets)):
            return None
        candidate.modality = self.noun_modality(token, light)
        candidate.intent = light is not None and self._intent_marker(light)
        if light is not None and light.dep_ in ("xcomp", "ccomp"):
            saved = candidate.trigger
            candidate.trigger = light
            candidate = self.apply_governor(candidate)
            if candidate.trigger is light:
                candidate.trigger = saved
        return candidate

    def anchor_verb(self, token: Token) -> Token | None:
        """The verb lending a nominal event its subject and modality: a light verb
        ("made a visit") or a motion/aim verb ("depart for a visit")."""
        head = token.head
        head_lemma = verb_lemma(head, self.t.known_verbs)
        if token.dep_ in ("dobj", "obj") and (head_lemma in self.t.light_verbs
                                              or head_lemma in self.t.governors["planned"]):
            return head
        if token.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB" \
                and head.head.lemma_.lower() in self.t.anchor_verbs:
            return head.head
        return None

    def _object_of_event_verb(self, token: Token) -> bool:
        """"denounced the sanctions", "suspended talks": the noun is what the verb's
        event is about, not a second event."""
        head = token.head
        lemma = verb_lemma(head, self.t.known_verbs)
        return token.dep_ in ("dobj", "obj") and lemma in self.t.verbs \
            and lemma not in self.t.light_verbs and self.governor_kind(head) != "planned"

    def _is_instrument(self, token: Token) -> bool:
        """"pummeled Lebanon with strikes": the noun belongs to the verb's event."""
        head = token.head
        return token.dep_ == "pobj" and head.lower_ in ("with", "by") and \
            head.head.lemma_.lower() in self.t.verbs

    def noun_sources(self, token: Token, pattern: dict, light: Token | None):
        """Who acts in a nominal event: "for" (where the lexicon says), the
        possessor, a "by" agent, an actor modifier, the light verb's subject."""
        if "source_prep" in pattern:  # "a nonstarter for Lebanese officials"
            for node in self._role_nodes(token, pattern["source_prep"]):
                return self.actors_of(node)
        for child in token.children:
            if child.dep_ == "poss" and not pattern.get("poss_is_target"):
                found = self.actors_of(child)
                if any(a for _, a in found) or light is None:
                    return found
                # "Israel completed its withdrawal": an unresolved "its" is the light verb's subject.
                return self.actors_of(self.subject_of(light))
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("by", "between"):
                for g in child.children:  # "strikes by Israel", "talks between Israel and Hamas"
                    if g.dep_ == "pobj":
                        return self.actors_of(g)
        # An actor modifier first in the phrase is the agent ("Israeli airstrikes", "US pressure").
        modifiers = [c for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.i < token.i]
        if str(pattern["code"])[:2] < "10":
            # "Lebanon talks", "a Gaza truce": a proper-noun modifier is the topic,
            # only an adjective ("Israeli-Russian talks") names the parties. For
            # conflict ("US pressure", "Russian strikes") it is the agent.
            modifiers = [c for c in modifiers if c.dep_ == "amod"]
        for child in modifiers:
            found = self.actors_of(child)
            if any(a for _, a in found):
                return found
        if light is not None:
            return self.actors_of(self.subject_of(light))
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in ("during", "after", "before", "following", "on") \
                and head.head.pos_ == "VERB" and str(pattern["code"])[:2] == "04":
            return self.actors_of(self.subject_of(head.head))  # "During a visit to X, Y told ..."
        return []

    def noun_targets(self, token: Token, pattern: dict, sources, light: Token | None = None) -> list:
        source_tokens = {t.i for t, _ in sources}
        if pattern.get("poss_is_target"):  # "Mhlanga's arrest": the possessor undergoes it
            for child in token.children:
                if child.dep_ == "poss":
                    return self.actors_of(child)
        places = [p for p in pattern.get("target", []) if p != "sentence"]
        anchors = [token] + ([light] if light is not None and light.lemma_.lower() in self.t.light_verbs else [])
        for anchor in anchors:  # "exerting pressure on Israel": the prep may hang on the verb
            for place in places:
                for node in self._role_nodes(anchor, place):
                    if node.i in source_tokens or node.i == token.i:
                        continue
                    found = self.actors_of(node)
                    if any(a for _, a in found):
                        return found
        if "sentence" in pattern.get("target", []):
            return self.other_actor_in_sentence(token, sources)
        return []

    def other_actor_in_sentence(self, token: Token, sources) -> list:
        """The single other country acting in the sentence, if exactly one."""
        source_countries = {a.country for _, a in sources if a}
        found = {}
        for other in token.sent:
            if other.pos_ not in ("NOUN", "PROPN") or other.dep_ in ("compound", "amod"):
                continue
            actor = self.actor_of(other)
            if actor and actor.country and actor.country not in source_countries:
                found.setdefault(actor.country, (other, actor))
        return [next(iter(found.values()))] if len(found) == 1 else []

    def noun_modality(self, token: Token, light: Token | None) -> str:
        if any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            return "negated"
        if self._in_condition(token):
            return "hypothetical"
        if any(c.lemma_.lower() in ("planned", "proposed", "upcoming", "expected", "scheduled", "future")
               for c in token.children if c.dep_ == "amod"):
            return "planned"
        if any(c.lemma_.lower() in ("possible", "potential") for c in token.children if c.dep_ == "amod"):
            return "hypothetical"
        anchor = light if light is not None else (token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass") else None)
        if anchor is None or anchor.pos_ not in ("VERB", "AUX"):
            return "asserted"
        own = self.modality(anchor)
        if own == "asserted" and self.governor_kind(anchor) == "planned":
            return "planned"  # "preparing a ground operation", "talks are expected to resume"
        return own

    # ---------------------------------------------------------------- actors

    def actor_of(self, token: Token | None) -> Actor | None:
        if token is None:
            return None
        inner = self._inner_of(token)
        if inner is not None:
            return self.actor_of(inner)
        actor = self.coder.for_token(token)
        if actor is None:
            country = self._place_country_at(token.idx)
            if country:
                return self.coder.as_acting(Actor(name=token.text, code=country, country=country), token.text)
        return actor or self.coder.uncoded_name(token)  # an actor without a code still acts

    def _place_country_at(self, char: int) -> str | None:
        """The country of the place whose span holds ``char`` (places do not
        overlap; found by bisection, not a scan per token)."""
        at = bisect_right(self._place_starts, char) - 1
        if at >= 0:
            start, end, country = self.place_country[at]
            if start <= char < end:
                return country
        return None

    def _inner_of(self, token: Token) -> Token | None:
        """"thousands of Kenyans", "the city of Goma", "the border with Finland":
        the phrase's actor is what follows the preposition."""
        lemma = token.lemma_.lower()
        if token.lower_ in _QUANTITY_HEADS or lemma in _QUANTITY_HEADS or token.pos_ == "NUM":
            wanted = ("of",)
        elif lemma in self.t.place_nouns and token.pos_ == "NOUN":
            wanted = ("of", "with")
        else:
            return None
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in wanted:
                return next((g for g in prep.children if g.dep_ == "pobj"), None)
        return None

    def actors_of(self, token: Token | None) -> list[tuple[Token, Actor | None]]:
        """The actor(s) of a phrase: conjuncts ("Israel and Egypt") and
        coordinated modifiers ("Hungarian and Romanian officials") give one each."""
        if token is None:
            return []
        heads = [token] + [c for c in token.conjuncts if c.i > token.i and c.pos_ in ("NOUN", "PROPN", "PRON")]
        out = []
        for head in heads:
            split = self._coordinated_modifiers(head)
            out += split if split else [(head, self.actor_of(head))]
        return out

    def _coordinated_modifiers(self, head: Token) -> list[tuple[Token, Actor]]:
        """"Hungarian and Romanian officials" -> (Hungarian, HUNGOV), (Romanian, ROUGOV)."""
        first = next((c for c in head.children if c.dep_ in ("amod", "compound") and c.conjuncts), None)
        if first is None:
            return []
        base = self.actor_of(head)
        sector = base.sector if base else None
        out = []
        for modifier in (first, *first.conjuncts):
            actor = self.coder.for_token(modifier) or self.coder._actor_of_modifier(modifier)
            if actor is None or not actor.country:
                return []
            code = f"{actor.country}{sector or ''}"
            out.append((modifier, Actor(name=f"{modifier.text} {head.text}", code=code,
                                        country=actor.country, sector=sector)))
        return out

    # -------------------------------------------------------------- modality

    def modality(self, token: Token) -> str:
        chain = self._verb_chain(token)
        children = [c for t in chain for c in t.children]
        if any(c.dep_ == "neg" for c in children) or self._yet_to(token) or self._no_subject(token):
            return "negated"
        if self._in_condition(token):
            return "hypothetical"
        auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if auxes & _MAYBE_AUX:
            return "hypothetical"
        if auxes & _FUTURE_AUX or self._going_to(token):
            return "planned"
        return "asserted"

    @staticmethod
    def _no_subject(token: Token) -> bool:
        """"No country has recognized ...": nobody did it."""
        return any(c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                   for c in token.children)

    @staticmethod
    def _yet_to(token: Token) -> bool:
        """"has yet to sign": not done."""
        head = token.head
        return token.dep_ == "xcomp" and head.lemma_ in ("have", "be") and any(
            c.lower_ == "yet" for c in head.children)

    @staticmethod
    def _verb_chain(token: Token) -> list[Token]:
        """The verb and the verbs it is a complement of ("has yet to be", "is going to")."""
        chain = [token]
        node = token
        while node.dep_ in ("xcomp",) and node.head.i != node.i and len(chain) < 4:
            node = node.head
            chain.append(node)
        return chain

    @staticmethod
    def _in_condition(token: Token) -> bool:
        node = token
        for _ in range(6):
            if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in node.children):
                return True
            if node.dep_ == "pcomp" and node.head.lower_ == "of" and node.head.head.lower_ == "case":
                return True
            if node.head.i == node.i or node.dep_ in ("ROOT",):
                return False
            node = node.head
        return False

    @staticmethod
    def _going_to(token: Token) -> bool:
        head = token.head
        return token.dep_ == "xcomp" and head.lower_ == "going" and any(
            c.dep_ == "aux" for c in head.children)

    def _is_cue(self, token: Token) -> bool:
        return token.idx in self.cue_chars

    # --------------------------------------------------------------- output

    def to_events(self, candidates: list[Candidate]) -> list[Event]:
        best: dict[tuple, tuple[Candidate, ActorRef | None, ActorRef | None]] = {}
        order = []
        for candidate in candidates:
            if not _has_actor(candidate):
                continue
            for source, target in self.pairs(candidate):
                sentence = self.ctx.sentence_index(candidate.trigger.idx)
                key = (sentence, candidate.code[:2], _code_of(source), _code_of(target))
                if key not in best:
                    order.append(key)
                    best[key] = (candidate, source, target)
                elif _more_specific(candidate, best[key][0]):
                    best[key] = (candidate, source, target)
        order = _drop_less_complete(order)
        return [self.make_event(*best[key]) for key in order]

    def pairs(self, candidate: Candidate):
        sources = [(t, a) for t, a in candidate.sources if a is not None] or [None]
        targets = [(t, a) for t, a in candidate.targets if a is not None] or [None]
        if candidate.reciprocal and targets == [None] and len(sources) > 1:
            yield from self.reciprocal_pairs(sources)
            return
        for source in sources:
            for target in targets:
                src_ref = self.ref(*source) if source else None
                tgt_ref = self.ref(*target) if target else None
                if src_ref and tgt_ref and (src_ref.start == tgt_ref.start or (
                        src_ref.actor.code and src_ref.actor.code == tgt_ref.actor.code)):
                    tgt_ref = None  # nobody acts on themselves ("prosecutors told the court")
                if candidate.code.startswith("01") and (
                        src_ref is None or tgt_ref is None or src_ref.actor.country == tgt_ref.actor.country):
                    continue  # a statement counts between two actors of different countries
                if src_ref is None and tgt_ref is None:
                    continue
                yield src_ref, tgt_ref

    def reciprocal_pairs(self, sources):
        """"Israel and Egypt met": Israel -> Egypt and Egypt -> Israel."""
        for source in sources:
            for target in sources:
                if source[0].i != target[0].i:
                    yield self.ref(*source), self.ref(*target)

    def ref(self, token: Token, actor: Actor) -> ActorRef:
        # A pronoun or "the group" is shown as the mention it was resolved to.
        start, end, entity = self.phrase_bounds(self.coder.mention_of(token) or token)
        return ActorRef(text=self.ctx.text[start:end], start=start, end=end, entity=entity, actor=actor)

    def phrase_bounds(self, token: Token) -> tuple[int, int, str | None]:
        """The entity holding the token, else the head with its modifiers."""
        for start, end, entity_id in self.entity_by_char:
            if start <= token.idx < end:
                head_end = token.idx + len(token.text)
                if head_end <= end:
                    left = self._left_edge(token)
                    if left < start and token.pos_ == "NOUN":
                        return left, head_end, entity_id
                    return start, end, entity_id
        return self._left_edge(token), token.idx + len(token.text), self._entity_inside(token)

    def _left_edge(self, token: Token) -> int:
        left = token
        for child in token.lefts:
            if child.dep_ in ("amod", "compound", "nmod", "poss", "nummod", "det") and child.i < left.i:
                left = child if child.dep_ != "poss" else child.left_edge
        if left.dep_ == "det" and left.lower_ in ("the", "a", "an"):
            left = left.doc[left.i + 1] if left.i + 1 <= token.i else token
        return left.idx

    def _entity_inside(self, token: Token) -> str | None:
        start = self._left_edge(token)
        end = token.idx + len(token.text)
        for s, e, entity_id in self.entity_by_char:
            if start <= s and e <= end:
                return entity_id
        return None

    def make_event(self, candidate: Candidate, source: ActorRef | None, target: ActorRef | None) -> Event:
        goldstein, quad, plover = self.t.describe(candidate.code)
        if candidate.code[:2] in _REQUEST_ROOTS and candidate.modality == "asserted":
            candidate.modality = "requested"  # what is asked for has not happened
        trigger = candidate.trigger
        first = candidate.trigger_from if candidate.trigger_from is not None else trigger
        confidence = 0.4 + 0.2 * bool(source) + 0.2 * bool(target) + min(0.2, 0.05 * candidate.specific)
        return Event(
            id=self.ctx.new_id("v"), sentence=self.ctx.sentence_index(trigger.idx),
            trigger=Span(self.ctx.text[first.idx:trigger.idx + len(trigger.text)], first.idx,
                         trigger.idx + len(trigger.text)),
            cameo=candidate.code, plover=plover, source=source, target=target,
            quad_class=quad, goldstein=goldstein, modality=candidate.modality,
            confidence=round(min(confidence, 0.95), 2))


def _drop_less_complete(keys: list[tuple]) -> list[tuple]:
    """Within a sentence, "X agreed" and "X agreed ... with Y" are one event:
    drop a key lacking the target (or source) that a sibling key has."""
    kept = []
    for key in keys:
        sentence, root, source, target = key
        fuller = any(o != key and o[0] == sentence and o[1] == root and
                     ((target is None and o[2] == source and o[3] is not None) or
                      (source is None and o[3] == target and o[2] is not None))
                     for o in keys)
        if not fuller:
            kept.append(key)
    return kept


def _has_actor(candidate: Candidate) -> bool:
    """Someone acts: an event is never dropped only because its source has no
    code or only a weak sector ("Residents protested", "a company sued"). With
    no source, the target must be a telling actor ("the storm killed two
    people" is no event)."""
    return any(a is not None for _, a in candidate.sources) or any(
        a is not None and a.code is not None and (a.country or a.sector not in WEAK_SECTORS)
        for _, a in candidate.targets)


def _code_of(ref: ActorRef | None) -> str | None:
    return ref.actor.code if ref is not None and ref.actor is not None else None


def _more_specific(new: Candidate, old: Candidate) -> bool:
    return (len(new.code), new.specific) > (len(old.code), old.specific)
