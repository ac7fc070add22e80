"""Attributions: who says what (``record.claims``).

Rules over the dependency parse in ``ctx.doc`` plus quote-mark scanning; the
word lists live in ``lexicons/claims_cues.yaml``, ``claims_outlets.yaml`` and
``claims_sources.yaml``.

What is found
-------------
* **Verb cues** ("said", "told", "reported", "saying", "pointed out", ...):
  a reporting verb with a source (its subject, or the subject of the clause a
  participle or coordinated verb hangs on) and attributed content: its clausal
  complement ("X said that ..."), the clause it is parenthetical to ("...,
  Army Radio reported on Sunday"), an adjacent quotation ("“...,” he said";
  "He said: “...”", also across a sentence boundary), or, for a few verbs, its
  object ("Hezbollah denied the report").
* **Prepositional cues**: "according to X" at either end (or in the middle) of
  a sentence, "citing X" / "quoting X".
* **Media phrases** ("in a statement", "in an interview", "in a post on
  social media") on a verb that is not a reporting verb with content: "The
  ministry, in a statement, accused the rebels of ..." gives source "The
  ministry", cue "in a statement", content "accused the rebels of ...".
* **Continuation quotes**: a quotation standing alone right after an attributed
  sentence of the same paragraph is given the same source and cue.

Spans
-----
``cue`` is the reporting word(s) only ("said", "pointed out", "according
to", "in a statement"). ``source`` is the subject noun phrase without appositions or relative
clauses ("Frank Lowenstein", not "Frank Lowenstein, a former envoy ...").
``content`` is what is attributed: for a direct quotation, the words inside
the quote marks (minus a trailing comma or full stop); for indirect speech,
the complement clause without "that" and without the sentence's final stop.
When the attribution sits in the middle of a sentence and clauses with a
finite verb stand on both sides ("It is the only factor, X said, that can
..."), the content is the whole sentence. ``quote`` is "direct" (content
entirely inside quote marks), "mixed" (partly) or "indirect".

Source kind and resolution
--------------------------
``kind``: "outlet" (names and patterns from ``claims_outlets.yaml``, and
descriptions like "the newspaper"), "person" (a PERSON entity or a name),
"organization" (ORG/GPE entities, "the ministry"), "anonymous" (unnamed
people: "an Israeli official", "sources familiar with ..."), "document"
("a U.N. report", "a statement"), else "unknown". ``resolved`` is what a
pronoun, surname or description refers to within the article: the full name
of a person ("Lowenstein" -> "Frank Lowenstein"), the outlet or organization
named earlier ("the newspaper" -> "Haaretz"), or, for an anonymous source, its
first mention ("the official" -> "an Israeli official"), so that linking can
tell one unnamed source from another. ``actor`` is copied from the entity the
source (or its resolution) names, when the entities component coded one.

Nesting: ``cited_by``
---------------------
``B.cited_by == A.id`` means A's source relays B: A reports what B said.
So in "Channel 13 reported, citing sources familiar with the details, that
X", the claim of the sources (cue "citing") has ``cited_by`` = the Channel 13
claim, both with content X. The same holds when B's attribution lies inside
A's content ("Reuters reported that the minister said X": the minister's claim
is cited by Reuters'), and when "according to A" frames a sentence holding
another attribution ("An aide told Trump X, according to officials": the
aide's claim is cited by the officials'). ``cited_by`` is None for a claim
the article itself reports. Following ``cited_by`` from a claim leads outwards,
towards the reporter that relays it; a claim that is no other claim's
``cited_by`` target (nobody further in is quoted) is an origin: for
"Channel 13 reported, citing sources ...", the sources' claim is the origin
and the Channel 13 claim relays it. The graph has no cycles.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.tokens import Doc, Token

from .. import lexicons
from ..model import Actor, Claim, ClaimSource, Span
from .claims_learned import learned_attributions, merge
from .claims_model import shipped_model
from .pipeline import Context, component

QUOTE_MARKS = "“”\""  # single marks are left out: ’ is also the apostrophe
# Dependents that end a source noun phrase: what follows is description.
# (Appositions and relative clauses set off by a comma stop at the comma.)
SOURCE_STOP_DEPS = {"punct", "advcl", "parataxis"}
# Dependents of a reporting verb that belong to the attribution, not its content.
ATTRIBUTION_DEPS = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prep",
                    "agent", "dative", "prt", "advcl", "mark", "dobj", "attr", "expl"}
# A stretch holding one of these tags is a clause that can be attributed.
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# A dateline the reader left at the head of a paragraph ("ISLAMABAD — ").
DATELINE = re.compile(r"[A-Z][A-Z/ ,.'-]{2,40}(?:\([^)]{1,30}\))?\s*[—–-]\s+")
# Words left out at the start of a content span: complementisers and joints.
# (A closing curly quote cannot start content, nor an opening one end it.)
LEADING_JUNK = re.compile(r"^(?:[\s,;:\-–—”]|that\s)+")
TRAILING_JUNK = re.compile(r"(?:[\s,;:\-–—“]|\b(?:while|whereas|and|but)\b)+$")


# --------------------------------------------------------------------------- lexicons


@dataclass(frozen=True)
class Lexicon:
    verbs: frozenset
    object_content: frozenset
    addressee: frozenset
    phrasal: frozenset
    outlet_names: frozenset
    outlet_patterns: tuple
    outlet_descriptions: frozenset
    anonymous_heads: frozenset
    document_heads: frozenset
    organization_heads: frozenset
    pronouns: dict
    relative_pronouns: frozenset
    content_stops: tuple
    titles: frozenset
    non_sources: frozenset
    media_phrases: tuple
    countries: frozenset
    citing: frozenset
    media_cues: tuple
    according: frozenset  # two-word cues placed before their source: ("according", "to")
    quote_only: frozenset


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues = lexicons.load("claims_cues.yaml")
    outlets = lexicons.load("claims_outlets.yaml")
    sources = lexicons.load("claims_sources.yaml")
    lower = lambda items: frozenset(str(i).lower() for i in items)  # noqa: E731
    return Lexicon(
        verbs=lower(cues["verbs"]),
        object_content=lower(cues["object_content"]),
        addressee=lower(cues["addressee"]),
        phrasal=frozenset(tuple(p) for p in cues["phrasal"]),
        outlet_names=lower(outlets["names"]),
        outlet_patterns=tuple(re.compile(p, re.I) for p in outlets["patterns"]),
        outlet_descriptions=lower(outlets["descriptions"]),
        anonymous_heads=lower(sources["anonymous_heads"]),
        document_heads=lower(sources["document_heads"]),
        organization_heads=lower(sources["organization_heads"]),
        pronouns={str(k).lower(): v for k, v in sources["pronouns"].items()},
        relative_pronouns=lower(sources["relative_pronouns"]),
        content_stops=tuple(cues.get("content_stops") or ()),
        titles=lower(sources.get("titles") or ()),
        non_sources=lower(sources.get("non_sources") or ()),
        media_phrases=tuple(" " + m for m in cues.get("media_phrases") or ()),
        countries=lower(r["text"] for r in lexicons.load("countries.tsv")
                        if r.get("kind") in ("name", "capital")),
        citing=lower(p[0] for p in cues["prepositional"] if len(p) == 1),
        quote_only=lower(cues.get("quote_only") or ()),
        according=frozenset(tuple(w.lower() for w in p) for p in cues["prepositional"] if len(p) == 2),
        # Longest first, so "in a video statement" wins over "in a statement".
        media_cues=tuple(sorted((m for m in cues.get("media_phrases") or () if m.startswith("in ")),
                                key=len, reverse=True)),
    )


# --------------------------------------------------------------------------- working state


@dataclass(eq=False)  # compared by identity: two claims may share every span
class Attribution:
    """A claim while it is being built (character offsets into the text)."""

    cue: tuple[int, int]
    source: tuple[int, int] | None  # None: no stated source ("it was reported that")
    source_head: Token
    region: tuple[int, int]  # source + cue + their modifiers: not content
    content: tuple[int, int] | None = None
    via: str = "verb"  # "verb" | "according" | "citing" | "continuation"
    verb: Token | None = None
    parent: "Attribution | None" = None  # the attribution this one is cited by
    kind: str = "unknown"
    resolved: str | None = None
    id: str = ""
    quote: str = "indirect"
    extras: dict = field(default_factory=dict)


def char_span(tokens: Iterable[Token]) -> tuple[int, int]:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def token_range(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Character range of tokens first..last, without edge whitespace tokens
    (a blanked dateline parses as whitespace)."""
    while first < last and doc[first].is_space:
        first += 1
    while last > first and doc[last].is_space:
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def is_finite_clause(tokens: Iterable[Token]) -> bool:
    return any(t.tag_ in FINITE_TAGS for t in tokens)


# --------------------------------------------------------------------------- quotes


def quote_pairs(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of matching quote marks, curly or straight.

    Each mark's direction comes from its shape (curly) or its neighbours
    (straight: a space before and a word after opens). Pairs never cross a
    paragraph break; an opening mark with no closing one before the next
    opening mark is dropped, as is a closing mark with no opening one, so one
    stray mark does not flip every later pair.
    """
    pairs: list[tuple[int, int]] = []
    for para_start, para in paragraphs(text):
        opened: int | None = None
        for i, ch in enumerate(para):
            if ch not in QUOTE_MARKS:
                continue
            if quote_opens(para, i, opened is not None):
                opened = i
            elif opened is not None:
                pairs.append((para_start + opened, para_start + i))
                opened = None
    return pairs


def quote_opens(para: str, i: int, is_open: bool) -> bool:
    """Whether the quote mark at ``para[i]`` opens a quotation."""
    ch = para[i]
    if ch != "\"":
        return ch == "“"
    before = para[i - 1] if i > 0 else " "
    after = para[i + 1] if i + 1 < len(para) else " "
    if (before.isspace() or before in "([{—–-") and not after.isspace():
        return True
    if not before.isspace() and (after.isspace() or after in ".,;:!?)—–-"):
        return False
    return not is_open  # no clue from the neighbours: alternate


def paragraphs(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for match in re.finditer(r"\n\s*", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


def paragraph_of(text: str, char: int) -> int:
    """How many line breaks precede ``char`` (bisection over the article's line
    breaks, found once: counting them on every call was quadratic)."""
    return bisect.bisect_left(_line_breaks(text), char)


@lru_cache(maxsize=4)
def _line_breaks(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch == "\n"]


def trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop joints ("that", commas, dashes) and the sentence's final stop."""
    piece = text[start:end]
    lead = LEADING_JUNK.match(piece)
    if lead:
        start += lead.end()
    while end > start:
        piece = text[start:end]
        trail = TRAILING_JUNK.search(piece)
        if trail:
            end = start + trail.start()
            continue
        if piece.endswith(".") and len(piece) > 1 and not piece[-2].isupper():
            end -= 1
            continue
        break
    return start, end


def balance_quotes(text: str, span: tuple[int, int], pairs: list[tuple[int, int]],
                   limit: tuple[int, int]) -> tuple[int, int]:
    """Widen a content span so that it never holds half a quotation."""
    start, end = span
    for o, c in pairs:
        if start <= o < end <= c and c < limit[1]:
            end = c + 1
        if o < start <= c < end and o >= limit[0]:
            start = o
    return start, end


def as_direct(text: str, span: tuple[int, int], pairs: list[tuple[int, int]],
              region: tuple[int, int]) -> tuple[tuple[int, int], str]:
    """Content and quote type: a span inside one quotation becomes its inner
    text, unless the attribution itself is quoted too (a speaker quoting
    someone: "“The army says it has left,” she said")."""
    start, end = span
    for o, c in pairs:
        if not (o <= start and end <= c + 1):
            continue  # tested first: trimming every quotation per content was quadratic
        inner = trim_content(text, o + 1, c)
        if inner[0] < inner[1]:
            if o < region[1] <= c:  # the cue is quoted too: keep the clause after it
                return span, "direct"
            return inner, "direct"
    if any(ch in QUOTE_MARKS for ch in text[start:end]):
        return span, "mixed"
    return span, "indirect"


# --------------------------------------------------------------------------- sources


def source_phrase(head: Token, verb: Token | None = None) -> tuple[int, int]:
    """Token range of a source noun phrase: its head with modifiers, without
    appositions, relative clauses, anything after a comma, or the reporting
    verb itself (when the parser hung the verb under the noun)."""
    left = head.i
    for child in reversed(list(head.lefts)):
        if child.is_punct or child.dep_ in ("advcl", "mark", "prep", "advmod"):
            break
        left = child.left_edge.i
    while left < head.i and (head.doc[left].is_punct or head.doc[left].is_space):
        left += 1
    right = head.i
    for child in head.rights:
        if child.dep_ in SOURCE_STOP_DEPS or child.is_punct:
            break
        if verb is not None and (child.i == verb.i or child.left_edge.i <= verb.i <= child.right_edge.i):
            break
        if child.dep_ == "conj" and child.pos_ not in ("NOUN", "PROPN"):
            break
        right = child.right_edge.i
    for i in range(head.i + 1, right + 1):  # "X from the council, which ...", "X (MSF)"
        if head.doc[i].text in (",", "(", "—", "–", ";"):
            right = i - 1
            break
    while right > head.i and head.doc[right].is_punct:
        right -= 1
    return left, right


def subject_of(verb: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """The subject of a reporting verb, or of the clause a participle or a
    coordinated verb belongs to ("..., saying that ...")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and (
        c.lower_ != "it" or c.dep_ == "nsubj" and not is_passive(verb))]
    if subjects:
        # "The strikes, an officer told reporters, were ...": the parser may give
        # the verb two subjects; the speaker is the one next to it.
        return min(subjects, key=lambda c: abs(verb.i - c.i))
    if depth < 3 and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
        if verb.dep_ == "advcl" and verb.tag_ != "VBG":
            return None
        previous = verb.doc[verb.i - 1] if verb.i > 0 else None
        if verb.dep_ == "advcl" and previous is not None and previous.pos_ in ("NOUN", "PROPN"):
            return previous  # "groups arguing that ...": the noun right before speaks
        head = verb.head
        # "X said A, adding that B" / "X admitted A but insisted B": the parser
        # may hang the second cue under A's verb.
        if head.dep_ == "ccomp" and is_cue_verb(head.head, lex):
            head = head.head
        subject = subject_of(head, lex, depth + 1)
        # "It is important to note that ...": no one is being quoted.
        if subject is not None and subject.lower_ in ("it", "this", "there"):
            return None
        return subject
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "a statement saying that ..."
    quoted = quoted_as(verb)
    if quoted is not None:  # "The minister was quoted as saying ...": the quoted one speaks
        return next((c for c in quoted.children if c.dep_ == "nsubjpass"), None)
    if depth == 0 and verb.dep_ == "ROOT":
        return inverted_subject(verb) or stranded_subject(verb) or name_before(verb)
    return None


def name_before(verb: Token) -> Token | None:
    """"NCDC lead Dr. Olajide Idris said that ...": with the subject lost in a
    misparse, a name right before the verb is the speaker."""
    previous = verb.doc[verb.i - 1] if verb.i > 0 else None
    if previous is not None and previous.pos_ == "PROPN" and any(
            c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return previous
    return None


def inverted_subject(verb: Token) -> Token | None:
    """"“...,” warned Asli Aydintasbas": after a quotation the parser may file
    the speaker as the verb's object or attribute."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if before is None or before.text not in QUOTE_MARKS + ",":
        return None
    for child in verb.rights:
        if child.dep_ in ("attr", "dobj", "npadvmod", "dative") and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


def stranded_subject(verb: Token) -> Token | None:
    """"In an interview with VOA, Dodik's lawyer, Anto Nobilo, said that ...":
    the parser may lose the subject inside the opening phrase. Take the head of
    the comma-delimited stretch right before the verb (or the name that
    stretch stands in apposition to: "Willy Neth, coordinator for ..., says")."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "," or not any(
            c.dep_ == "ccomp" and c.i > verb.i for c in verb.children):
        return None
    end = start = verb.i - 2
    while start - 1 >= verb.sent.start and doc[start - 1].text != ",":
        start -= 1
    token = doc[end]
    while token.head.i != token.i and start <= token.head.i <= end:
        token = token.head
    if token.dep_ == "appos" and token.head.i == start - 2 and token.head.pos_ == "PROPN":
        token = token.head
    return token if token.pos_ in ("PROPN", "NOUN") else None


def quoted_as(verb: Token) -> Token | None:
    """The "quoted" of "X was quoted (by Y) as saying", else None."""
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lemma_ == "quote":
        return verb.head.head
    return None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


# --------------------------------------------------------------------------- verb cues


def is_cue_verb(token: Token, lex: Lexicon) -> bool:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ == "amod":
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if token.is_title and following is not None and following.pos_ == "PROPN":
        return False  # "Sayed Abdul Wajeed Sadat" is a name, not "said"
    if token.dep_ == "acl" and token.tag_ == "VBN" and not any(
            c.dep_ == "ccomp" for c in token.children):
        return False  # "cases reported in nine states": a participle, not a speaker
    lemma = token.lemma_.lower()
    return lemma in lex.verbs or any(
        (lemma, c.lower_) in lex.phrasal for c in token.children if c.dep_ == "prt")


def cue_tokens(verb: Token, lex: Lexicon) -> list[Token]:
    """The verb, plus its particle for phrasal cues ("pointed out")."""
    for child in verb.children:
        if child.dep_ == "prt" and (verb.lemma_.lower(), child.lower_) in lex.phrasal:
            return [verb, child]
    return [verb]


def attribution_region(verb: Token, subject: Token, content_tokens: set[int], lex: Lexicon
                       ) -> tuple[int, int]:
    """Token range of "subject + verb + modifiers", stopping at the content."""
    members = {verb.i}
    if subject.head.i == verb.i or subject.i in range(
            min(verb.i, subject.i), max(verb.i, subject.i) + 1):
        members.update(t.i for t in subject.subtree)
    for child in verb.children:
        if child.dep_ == "dobj" and (verb.lemma_.lower() not in lex.addressee
                                     or child.left_edge.i != verb.i + 1):
            continue  # only "told reporters" is an addressee, not "told VOA the army left"
        if child.dep_ in ATTRIBUTION_DEPS:
            sub = {t.i for t in modifier_tokens(child)}
            if not sub & content_tokens:
                members.update(sub)
    # Keep the block contiguous around the verb and outside the content.
    lo = hi = verb.i
    while lo - 1 in members and lo - 1 not in content_tokens:
        lo -= 1
    while hi + 1 in members and hi + 1 not in content_tokens:
        hi += 1
    # The subject may sit across a gap of words that are also attribution
    # ("Berri, a Hezbollah ally, said"): stretch to it when no content lies between.
    span = range(min(lo, subject.left_edge.i), max(hi, subject.right_edge.i) + 1)
    if not set(span) & content_tokens and subject in verb.children:
        lo, hi = span.start, span.stop - 1
    return lo, hi


def modifier_tokens(child: Token) -> list[Token]:
    """Words of an attribution modifier; a prepositional phrase stops before a
    clause hung on it ("during a press gaggle [that he believes ...]")."""
    tokens = list(child.subtree)
    if child.dep_ == "prep":
        clauses = [t for t in tokens if t.dep_ in ("relcl", "acl", "ccomp") and t.i > child.i]
        if clauses:
            cut = min(c.left_edge.i for c in clauses)
            tokens = [t for t in tokens if t.i < cut]
    return tokens


def complement_content(verb: Token, sent) -> tuple[int, int] | None:
    """Token range of the clause a reporting verb introduces: its clausal
    complement, or a "that"-clause the parser hung elsewhere under the verb
    ("said in a statement that ..."). Complements on both sides of the verb
    ("It is ..., X said, that ...") give the whole sentence."""
    ccomps = [c for c in verb.children if c.dep_ == "ccomp" or (
        c.dep_ == "xcomp" and c.i > verb.i and is_finite_clause(c.subtree))]  # "said creating X would"
    if ccomps:
        lefts = [c for c in ccomps if c.i < verb.i]
        rights = [c for c in ccomps if c.i > verb.i]
        if lefts and rights:
            return sent.start, sent.end - 1
        chosen = rights[0] if rights else lefts[-1]
        return chosen.left_edge.i, chosen.right_edge.i
    for token in verb.subtree:
        if token.i > verb.i and token.dep_ == "mark" and token.lower_ == "that" \
                and token.head.pos_ in ("VERB", "AUX") and token.head.i != verb.i:
            clause = token.head
            return clause.left_edge.i, clause.right_edge.i
    return None


def clause_after(verb: Token, region: tuple[int, int], sent, lex: Lexicon
                 ) -> tuple[int, int] | None:
    """"Sahaar told VOA the Taliban jettison anything ...": when the parse gives
    no complement, a finite clause running straight on after the attribution
    (not the verb's own object: "showed footage of the rally")."""
    doc = verb.doc
    if verb.lemma_.lower() not in lex.addressee and any(
            c.dep_ in ("dobj", "attr") and c.i > verb.i for c in verb.children):
        return None
    first, last = region[1] + 1, sent.end - 1
    while last >= first and doc[last].is_punct:
        last -= 1
    reduced_relative = verb.tag_ == "VBN" and not any(c.dep_.startswith("aux") for c in verb.children)
    if verb.dep_ == "acl" or reduced_relative or last < first or doc[first].is_punct or doc[first].pos_ in (
            "VERB", "AUX", "ADP", "CCONJ", "PART"):  # not "threatened to ...", "reported each day"
        return None
    return (first, last) if is_finite_clause(doc[first:last + 1]) else None


def parenthetical_content(verb: Token, region: tuple[int, int]) -> tuple[int, int] | None:
    """Content of an attribution set off by commas inside another clause
    ("..., Army Radio reported on Sunday"; "The plan, the official said, would ...")."""
    doc = verb.doc
    if verb.dep_ not in ("ccomp", "parataxis") or verb.head.i == verb.i:
        return None
    objects = [c for c in verb.children if c.dep_ == "ccomp" or (
        c.dep_ == "dobj" and verb.lemma_.lower() not in lexicon().addressee)]
    if objects or not set_off(doc, region):
        return None
    head = verb.head
    return sides_content(doc, region, head.left_edge.i, head.right_edge.i)


def set_off(doc: Doc, region: tuple[int, int]) -> bool:
    """The attribution stands apart: a comma or a quote mark on one side."""
    before = doc[region[0] - 1].text if region[0] > 0 else ""
    after = doc[region[1] + 1].text if region[1] + 1 < len(doc) else ""
    return before in (",", "”", "\"", "—", "-") or after in (",", "—")


def sides_content(doc: Doc, region: tuple[int, int], first: int, last: int
                  ) -> tuple[int, int] | None:
    """Content around an attribution inside [first, last]: the side holding a
    finite clause, or both sides (the whole stretch) when each has one."""
    left = [t for t in doc[first:region[0]] if not t.is_punct]
    right = [t for t in doc[region[1] + 1:last + 1] if not t.is_punct]
    left_ok, right_ok = is_finite_clause(left), is_finite_clause(right)
    if left_ok and right_ok:
        return first, last
    # "The plan, the official said, would ...": the subject on the left belongs
    # to the clause on the right, so the content is the whole stretch.
    if right_ok and any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i >= region[0] for t in left):
        return first, last
    if left_ok:
        return first, region[0] - 1
    if right_ok:
        return region[1] + 1, last
    return None


def object_content(verb: Token, lex: Lexicon) -> tuple[int, int] | None:
    """"The army denied the report": the object is what is asserted (up to a comma)."""
    if verb.lemma_.lower() not in lex.object_content:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.i > verb.i:
            first, last = source_phrase(child)
            doc = verb.doc
            end = doc[last].idx + len(doc[last].text)
            piece = doc[first:last + 1].text
            for phrase in lexicon().media_phrases:  # "confirmed the death in a post on X"
                at = piece.find(phrase)
                if at > 0:
                    end = doc[first].idx + at
            span = doc.char_span(doc[first].idx, end, alignment_mode="contract")
            return (span.start, span.end - 1) if span is not None and len(span) else (first, last)
    return None


def verb_attributions(ctx: Context, lex: Lexicon) -> list[Attribution]:
    found = []
    for sent in ctx.doc.sents:
        for verb in sent:
            if not is_cue_verb(verb, lex) or verb.lower_ in lex.citing:
                continue
            attribution = verb_attribution(ctx, verb, sent, lex)
            if attribution is not None:
                found.append(attribution)
    return found


def verb_attribution(ctx: Context, verb: Token, sent, lex: Lexicon) -> Attribution | None:
    subject = subject_of(verb, lex)
    if subject is None or subject.lower_ in lex.non_sources or (
            subject.dep_ == "nsubjpass" and quoted_as(verb) is None):
        return None  # "he had been warned": the subject is not the speaker
    if any(c.dep_ == "neg" and not inside_quotation(c) for c in verb.children):
        return None  # "did not say", "declined to comment" assert nothing
    doc = ctx.doc
    if verb.lemma_.lower() in lex.quote_only:  # only an adjacent quotation, found later
        region = attribution_region(verb, subject, set(), lex)
        return Attribution(cue=char_span(cue_tokens(verb, lex)), source_head=subject, verb=verb,
                           source=token_range(doc, *source_phrase(subject, verb)),
                           region=token_range(doc, *region))
    content_range = complement_content(verb, sent)
    if inside_quotation(verb) and (content_range is None or content_range[0] < verb.i):
        return None  # "“People write about us every day,” he said": no one is quoted
    obj = object_content(verb, lex) if content_range is None else None
    kept_apart = content_range or obj
    content_tokens = set(range(kept_apart[0], kept_apart[1] + 1)) if kept_apart else set()
    region = attribution_region(verb, subject, content_tokens, lex)
    if content_range is None:
        content_range = parenthetical_content(verb, region)
    if content_range is None and verb.dep_ == "ROOT" and set_off(doc, region) and not obj:
        content_range = sides_content(doc, region, sent.start, sent.end - 1)
    if content_range is None and not obj:
        content_range = clause_after(verb, region, sent, lex)
    source_head = relative_antecedent(subject, lex) or subject
    src = token_range(doc, *source_phrase(source_head, verb))
    attribution = Attribution(cue=char_span(cue_tokens(verb, lex)), source=src,
                              source_head=source_head, region=token_range(doc, *region), verb=verb)
    if content_range is not None:
        attribution.content = token_range(doc, *content_range)
    elif obj is not None:
        attribution.extras["object"] = token_range(doc, *obj)
    return attribution


def inside_quotation(token: Token) -> bool:
    return any(o < token.idx < c for o, c in quote_pairs_of(token.doc))


def quote_pairs_of(doc: Doc) -> list[tuple[int, int]]:
    """Quote pairs of a parsed text, computed once per Doc."""
    cached = doc.user_data.get("crosswire.quote_pairs")
    if cached is None:
        cached = doc.user_data["crosswire.quote_pairs"] = quote_pairs(doc.text)
    return cached


def relative_antecedent(subject: Token, lex: Lexicon) -> Token | None:
    """"which" / "who" as a subject stands for the noun its clause modifies."""
    if subject.lower_ in lex.relative_pronouns and subject.head.dep_ == "relcl":
        return subject.head.head
    return None


# --------------------------------------------------------------------------- prepositional cues


def according_attributions(ctx: Context, lex: Lexicon) -> list[Attribution]:
    """"according to X" at either end, or in the middle, of a sentence."""
    found = []
    doc = ctx.doc
    for token in doc[:-1]:
        if (token.lower_, doc[token.i + 1].lower_) not in lex.according:
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            continue
        head = objects[0]
        sent = token.sent
        first, last = sent.start, sent.end - 1
        region = (token.i, max(head.right_edge.i, to.i))
        content = sides_content(doc, region, first, last)
        if content is None:
            continue
        found.append(Attribution(
            cue=char_span([token, to]), source=token_range(doc, *source_phrase(head)),
            source_head=head, region=token_range(doc, *region),
            content=token_range(doc, *content), via="according"))
    return found


def citing_attributions(ctx: Context, verbs: list[Attribution], lex: Lexicon
                        ) -> list[Attribution]:
    """"citing X" / "quoting X": X is the source its governing report relays."""
    found = []
    doc = ctx.doc
    for token in doc:
        if token.lower_ not in lex.citing:
            continue
        objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
        if not objects:
            continue
        head = objects[0]
        parent = governing_attribution(token, verbs)
        src = token_range(doc, *citing_phrase(token, head))
        region = token_range(doc, token.i, head.right_edge.i)
        attribution = Attribution(cue=char_span([token]), source=src, source_head=head,
                                  region=region, via="citing", parent=parent)
        if parent is None:
            sent = token.sent
            sides = sides_content(doc, (token.i, head.right_edge.i), sent.start, sent.end - 1)
            if sides is None:
                continue
            attribution.content = token_range(doc, *sides)
        found.append(attribution)
    return found


def citing_phrase(cue: Token, head: Token) -> tuple[int, int]:
    """"citing two sources with knowledge of the matter": the parser may hang
    the prepositional phrase on "citing"; the source runs to the next comma."""
    first, last = source_phrase(head)
    for token in cue.doc[last + 1:cue.right_edge.i + 1]:
        if token.is_punct or token.dep_ not in ("prep", "pobj", "det", "amod", "compound", "poss"):
            break
        last = token.i
    return first, last


def governing_attribution(token: Token, verbs: list[Attribution]) -> Attribution | None:
    """The verb attribution a "citing" phrase belongs to: attached to its verb,
    or to its source ("Reuters, citing two officials, said ...")."""
    for attribution in verbs:
        if token.head.i in (attribution.verb.i, attribution.source_head.i):
            return attribution
    # "X reported that Y, citing Z": the parser often hangs "citing" under Y.
    for attribution in verbs:
        content = attribution.content
        if content and content[0] <= token.idx < content[1] and token.i > 0 \
                and token.doc[token.i - 1].text == ",":
            return attribution
    return None


# --------------------------------------------------------------------------- "in a statement"


def media_attributions(ctx: Context, verbs: list[Attribution], lex: Lexicon) -> list[Attribution]:
    """"The ministry, in a statement, accused the rebels of ...": a speech act
    marked by a media phrase on a verb that is not itself a reporting verb
    with content. Cue = the phrase; content = the predicate it frames."""
    doc = ctx.doc
    taken = {a.verb.i for a in verbs if a.verb is not None}
    found = []
    for phrase in lex.media_cues:
        for match in re.finditer(r"\b" + re.escape(phrase) + r"\b", ctx.text, flags=re.I):
            cue = doc.char_span(match.start(), match.end())
            if cue is None or cue[0].dep_ != "prep":
                continue
            verb = cue[0].head
            if verb.dep_ == "dobj":  # "denounced the raid in a statement"
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            if verb.i in taken:
                continue
            attribution = media_attribution(doc, cue, verb, lex)
            if attribution is not None:
                taken.add(verb.i)
                found.append(attribution)
    return found


def media_attribution(doc: Doc, cue, verb: Token, lex: Lexicon) -> Attribution | None:
    subject = subject_of(verb, lex)
    if subject is None or subject.lower_ in lex.non_sources or subject.dep_ == "nsubjpass":
        return None
    first, last = source_phrase(subject)
    end = verb.right_edge.i
    if cue[0].i > verb.i:  # the phrase trails the predicate: "... in a statement on Sunday"
        region = (first, last)
        end = cue[0].i - 1
    else:  # "In a statement, the embassy urged" / "The ministry, in a statement, accused"
        region = (min(first, cue[0].i), max(last, cue[0].right_edge.i))
    start = max(verb.i, region[1] + 1)
    start = min([start] + [c.i for c in verb.lefts if c.dep_ in ("aux", "neg") and c.i > region[1]])
    while end > start and doc[end].is_punct:
        end -= 1
    if end < start:
        return None
    return Attribution(cue=(cue.start_char, cue.end_char), source=token_range(doc, first, last),
                       source_head=subject, region=token_range(doc, *region),
                       content=token_range(doc, start, end), via="media", verb=verb)


# --------------------------------------------------------------------------- content from quotes


def adjacent_quote(text: str, region: tuple[int, int], pairs: list[tuple[int, int]],
                   used: set[tuple[int, int]]) -> tuple[int, int] | None:
    """A quotation right after ("He said: “...”") or right before ("“...,” he
    said") an attribution, with only punctuation and spaces in between; never
    one the attribution sits in, nor one already attributed."""
    start, end = region
    before = after = None
    for o, c in pairs:
        if (o, c) in used or o < start < c:
            continue
        if c < start and re.fullmatch(r"[\s,.\-–—]*", text[c + 1:start]):
            before = (o, c + 1, "," in text[c - 1:start] or text[c + 1:start].strip() in ("-", "–", "—"))
        if after is None and o >= end and re.fullmatch(r"[\s,:\-–—]*", text[end:o]):
            after = (o, c + 1, ":" in text[end:o] or "," in text[end:o])
    # A joint (",", ":") binds closer than a sentence break.
    for candidate in sorted(filter(None, (after, before)), key=lambda q: not q[2]):
        return candidate[0], candidate[1]
    return None


def fill_from_quotes(text: str, attributions: list[Attribution], pairs: list[tuple[int, int]]) -> None:
    used = {(o, c) for o, c in pairs for a in attributions
            if a.content and a.content[0] <= o + 1 and c <= a.content[1]}
    for a in attributions:
        if a.content is None:
            quote = adjacent_quote(text, a.region, pairs, used)
            if quote is not None:
                a.content = quote
                used.add((quote[0], quote[1] - 1))
            elif a.extras.get("object"):
                a.content = a.extras["object"]


def continuation_quotes(text: str, attributions: list[Attribution], pairs: list[tuple[int, int]],
                        sentences: list[tuple[int, int]]) -> list[Attribution]:
    """A quotation alone after an attributed sentence of the same paragraph
    continues that speaker: same source and cue."""
    found = []
    covered = [a.content for a in attributions if a.content] + [a.region for a in attributions]
    for o, c in pairs:
        if any(s < c and o + 1 < e for s, e in covered):
            continue
        previous = [a for a in attributions if a.content and a.content[1] <= o
                    and a.via == "verb" and paragraph_of(text, a.content[1]) == paragraph_of(text, o)
                    and sentence_gap(sentences, a.content[1], o) <= 1]
        if not previous or not starts_sentence(text, o, sentences):
            continue
        speaker = max(previous, key=lambda a: a.content[1])
        found.append(Attribution(
            cue=speaker.cue, source=speaker.source, source_head=speaker.source_head,
            region=speaker.region, content=(o, c + 1), via="continuation", verb=speaker.verb,
            parent=speaker.parent))
    return found


def sentence_index(sentences: list[tuple[int, int]], char: int) -> int:
    """The first sentence ending after ``char`` (else the last): by bisection,
    since sentences are sorted and disjoint (a scan made long articles quadratic)."""
    i = bisect.bisect_right(sentences, char, key=_end)
    return i if i < len(sentences) else len(sentences) - 1


def _end(span: tuple[int, int]) -> int:
    return span[1]


def sentence_gap(sentences, a: int, b: int) -> int:
    return sentence_index(sentences, b) - sentence_index(sentences, max(a - 1, 0))


def starts_sentence(text: str, char: int, sentences) -> bool:
    i = sentence_index(sentences, char)
    return not text[sentences[i][0]:char].strip() if 0 <= i < len(sentences) else False


# --------------------------------------------------------------------------- content clean-up


def cut_at_other_regions(a: Attribution, others: list[Attribution], doc: Doc) -> None:
    """Drop another attribution sitting at an edge of this content
    ("..., according to officials", even when a non-finite tail such as
    ", with the aim of ..." follows); one in the middle stays (it is nested)."""
    start, end = a.content
    for b in others:
        if b is a or b.region == a.region:
            continue
        bs, be = b.region
        if not (start <= bs and be <= end):
            continue
        if is_follow_up(b, doc):  # "X said A, adding that B": A ends at ", adding"
            end = min(end, bs)
        elif reports_within(a, b):  # "X reported that the minister said ...": nested
            continue
        elif b.via == "verb" and b.content and start <= b.content[0] and b.content[1] <= end:
            end = min(end, bs)  # "A said X, while B said Y": two claims side by side
        elif not finite_between(doc, be, end):
            end = bs
        elif not finite_between(doc, start, bs):
            start = be
    a.content = (start, end)


def reports_within(a: Attribution, b: Attribution) -> bool:
    """``b``'s reporting verb lies in the complement of ``a``'s verb ("X
    reported that the minister said ..."), not in an adverbial clause ("...,
    while Y said ...")."""
    if a.verb is None or b.verb is None or b.via != "verb":
        return False
    token = b.verb
    while token.i != a.verb.i and token.head.i != token.i:
        if token.dep_ not in ("ccomp", "conj", "xcomp"):
            return False
        token = token.head
    return token.i == a.verb.i


def is_follow_up(b: Attribution, doc: Doc) -> bool:
    """A participle or coordinated cue that borrows its subject from an
    earlier clause (", saying ...", ", adding that ...", "and said ...")."""
    if b.via != "verb" or b.verb is None or b.verb.dep_ not in ("advcl", "conj"):
        return False
    if b.region[0] <= b.source[0] < b.region[1]:
        return False
    previous = doc[b.verb.i - 1] if b.verb.i > 0 else None
    return previous is not None and previous.text in (",", "and", ";", "but")


def stop_content(text: str, span: tuple[int, int], pairs, stops: tuple) -> tuple[int, int]:
    """End indirect content at a concession or comment ("..., though ...")."""
    start, end = span
    piece = text[start:end]
    for stop in stops:
        at = piece.find(stop)
        if at > 0 and not any(o < start + at < c for o, c in pairs):
            end = min(end, start + at)
    return start, end


def finite_between(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and is_finite_clause(span)


def clip_to_paragraph(a: Attribution, text: str, floor: int) -> None:
    """Content never crosses a paragraph break nor reaches into the dateline."""
    start, end = a.content
    anchor = a.region[0]
    para_start = text.rfind("\n", 0, anchor) + 1
    para_end = text.find("\n", anchor)
    para_end = len(text) if para_end < 0 else para_end
    start, end = max(start, para_start, floor), min(end, para_end)
    if start == para_start:  # a dateline the reader left in ("ISLAMABAD — ")
        dateline = DATELINE.match(text, start, end)
        start = dateline.end() if dateline else start
    a.content = (start, end) if start < end else None


def finish_content(a: Attribution, text: str, pairs, sentence: tuple[int, int]) -> None:
    start, end = trim_content(text, *stop_content(text, a.content, pairs, lexicon().content_stops))
    if start >= end:
        a.content = None
        return
    # Widen to whole quotations, but never back over the attribution itself
    # (the judge “indicated that ...”: the content starts after the cue).
    floor = a.region[1] if a.region[1] <= start else sentence[0]
    ceiling = a.region[0] if end <= a.region[0] else sentence[1]
    start, end = balance_quotes(text, (start, end), pairs, (floor, ceiling))
    a.content, a.quote = as_direct(text, (start, end), pairs, a.region)


# --------------------------------------------------------------------------- kinds and resolution


def classify_sources(ctx: Context, attributions: list[Attribution], lex: Lexicon) -> None:
    """Set ``kind`` and ``resolved`` of each source, in text order (a pronoun
    looks back at the sources already classified)."""
    persons = person_names(ctx)
    for i, a in enumerate(attributions):
        if a.via == "continuation" or a.source is None:  # no stated source: nothing to classify
            continue
        text = ctx.text[a.source[0]:a.source[1]]
        earlier = [b for b in attributions[:i] if b.source is not None]
        a.kind, a.resolved = classify(ctx, a, text, earlier, persons, lex)
    for a in attributions:
        if a.via == "continuation":
            twin = next(b for b in attributions if b.region == a.region and b.via != "continuation")
            a.kind, a.resolved = twin.kind, twin.resolved


def classify(ctx: Context, a: Attribution, text: str, earlier: list[Attribution],
             persons: list[tuple[int, str]], lex: Lexicon) -> tuple[str, str | None]:
    head = named_apposition(a.source_head)
    head_word = head.lower_
    name = apposed_name(ctx, a.source_head, persons, lex)
    if name:  # "the party's spokesman, Ivo Marek, said": the spokesman is Ivo Marek
        return "person", name
    if head.pos_ == "PRON" and head_word in lex.pronouns:
        return resolve_pronoun(a, head_word, earlier, persons, lex)
    if head.pos_ == "NOUN" and is_document(head, lex):
        return "document", None  # "a statement posted by the news agency"
    if is_outlet(text, lex):
        return "outlet", resolve_outlet(ctx, a, text, lex, earlier)
    if head_word in lex.outlet_descriptions and is_definite(head) and not head_word == "agency":
        named = resolve_outlet(ctx, a, text, lex, earlier)
        if named:
            return "outlet", named
    if re.sub(r"^the\s+", "", text.lower()) in lex.countries:
        return "organization", None  # a state speaking ("Ukraine said")
    label = entity_label(ctx, head)
    if head.pos_ == "PROPN" and any(t.lemma_.lower() in lex.titles for t in head.lefts):
        label = "PERSON"  # "President Amara Diallo", whatever the tagger thought
    if label == "PERSON":
        return "person", full_name(text, a.source[0], persons)
    if head.pos_ == "PROPN" and label not in ("GPE", "NORP"):
        name = full_name(text, a.source[0], persons)
        if name:
            return "person", name
    if label in ("ORG", "GPE", "FAC"):
        return "organization", None
    if is_document(head, lex):
        return "document", None
    if head_word in lex.anonymous_heads or head.lemma_.lower() in lex.anonymous_heads or label == "NORP":
        named = resolve_title(ctx, a) if is_definite(head) and head.lemma_.lower() in lex.titles \
            and head.tag_ == "NN" else None
        if named:
            return "person", named
        return "anonymous", resolve_description(a, earlier, "anonymous")
    if head_word in lex.organization_heads or head.lemma_.lower() in lex.organization_heads:
        return "organization", resolve_description(a, earlier, "organization") or \
            nearest_org(ctx, a.source[0], head)
    if head.pos_ == "PROPN" or (head.is_title and not head.is_sent_start):
        return ("person" if looks_like_name(head) else "organization"), None
    return "unknown", None


def is_document(head: Token, lex: Lexicon) -> bool:
    return head.lemma_.lower() in lex.document_heads or head.lower_ in lex.document_heads


def named_apposition(head: Token) -> Token:
    """"his daughter Linda Wu", "the broadcaster Radio Sever": the name decides."""
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and not any(
                t.is_punct for t in head.doc[head.i + 1:child.i]):
            return child
    return head


def apposed_name(ctx: Context, head: Token, persons: list[tuple[int, str]], lex: Lexicon
                 ) -> str | None:
    """The person's name set off by commas after a description ("Dodik's
    lawyer, Anto Nobilo,"): a PERSON, a known name, or a two-word name after
    a role noun ("director", "spokesman")."""
    if head.pos_ != "NOUN":
        return None
    for child in head.rights:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.doc[child.i - 1].dep_ != "cc":
            first = min(t.i for t in child.lefts if t.dep_ == "compound") if any(
                t.dep_ == "compound" for t in child.lefts) else child.i
            name = head.doc[first:child.i + 1].text
            role = head.lemma_.lower() in lex.anonymous_heads or head.lemma_.lower() in lex.titles
            if entity_label(ctx, child) == "PERSON" or full_name(name, child.idx, persons) or (
                    role and len(name.split()) >= 2):
                return name
    return None


def is_definite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) or any(
        c.dep_ == "poss" for c in head.children)


def is_outlet(text: str, lex: Lexicon) -> bool:
    name = re.sub(r"^(?:the\s+)", "", text.strip(), flags=re.I)
    # "Israel's Channel 12" and "the Israeli newspaper Haaretz": test the name part too.
    candidates = {text.strip(), name, re.sub(r"^.*?['’]s\s+", "", name)}
    words = name.split()
    candidates.update(" ".join(words[i:]) for i in range(1, len(words)))
    for candidate in candidates:
        low = candidate.lower()
        if low in lex.outlet_names or ("the " + low) in lex.outlet_names:
            return True
    return any(p.fullmatch(c) for p in lex.outlet_patterns for c in (text.strip(), name))


def entity_label(ctx: Context, token: Token) -> str | None:
    """Label of the named entity holding ``token``: record entities first
    (from the entities component), else spaCy's own."""
    for entity in ctx.record.entities:
        if entity.start <= token.idx < entity.end:
            return entity.label
    return token.ent_type_ or None


def person_names(ctx: Context) -> list[tuple[int, str]]:
    """(offset, full name) of every person named in the article, in order.

    Reads the entities component's person chains when present
    (``ctx.shared["persons"]``), else spaCy's PERSON entities.
    """
    names = []
    for entity in ctx.record.entities or []:
        if entity.label == "PERSON":
            names.append((entity.start, entity.text))
    if not names:
        names = [(e.start_char, e.text) for e in ctx.doc.ents if e.label_ == "PERSON"]
    for chain in ctx.shared.get("persons") or []:
        name, mentions = chain_name_and_mentions(chain)
        for start in mentions:
            if name:
                names.append((start, name))
    return sorted(names)


def chain_name_and_mentions(chain) -> tuple[str | None, list[int]]:
    """Read a person chain defensively: dict or object with a name and mentions."""
    get = (lambda k: chain.get(k)) if isinstance(chain, dict) else (lambda k: getattr(chain, k, None))
    name = get("name") or get("canonical")
    starts = []
    for mention in get("mentions") or []:
        if isinstance(mention, dict):
            starts.append(mention.get("start"))
        elif isinstance(mention, (tuple, list)):
            starts.append(mention[0])
        else:
            starts.append(getattr(mention, "start", None))
    return name, [s for s in starts if isinstance(s, int)]


def full_name(surname_text: str, at: int, persons: list[tuple[int, str]]) -> str | None:
    """The fullest name, mentioned before (or at) ``at``, ending with the last
    word of ``surname_text`` ("Lowenstein" -> "Frank Lowenstein")."""
    words = surname_text.split()
    if not words:
        return None
    surname = words[-1].lower()
    best = None
    for start, name in persons:
        if start > at + len(surname_text) + 40:
            break
        if name.split()[-1].lower() == surname and (best is None or len(name) > len(best)):
            best = name
    return best


def looks_like_name(head: Token) -> bool:
    return head.text[:1].isupper() and head.ent_type_ in ("", "PERSON")


def resolve_pronoun(a: Attribution, pronoun: str, earlier: list[Attribution],
                    persons: list[tuple[int, str]], lex: Lexicon) -> tuple[str, str | None]:
    """A pronoun takes the kind and referent of the latest fitting source."""
    wanted = lex.pronouns[pronoun]
    for b in reversed(earlier):
        if b.source_head.pos_ == "PRON" and b.resolved is None:
            continue
        if wanted == "person" and b.source_head.tag_ in ("NNS", "NNPS"):
            continue  # "he" is not "researchers"
        fits = (wanted == "any" or (wanted == "person" and b.kind in ("person", "anonymous"))
                or (wanted == "organization" and b.kind in ("organization", "outlet", "document")))
        if fits and a.source[0] - b.source[1] < 1500:
            return b.kind, b.resolved or as_written(b)
    if wanted == "person":
        before = [name for start, name in persons if start < a.source[0]]
        if before:
            return "person", before[-1]
    return "unknown", None


def as_written(b: Attribution) -> str:
    """The source as written (set once spans are final)."""
    return b.extras.get("text", "")


def resolve_description(a: Attribution, earlier: list[Attribution], kind: str) -> str | None:
    """"the official" -> the latest earlier source of the same kind whose
    words include this description's ("an Israeli official"), followed back
    to its own first mention."""
    if not is_definite(a.source_head):
        return None
    words = description_words(as_written(a))
    for b in reversed(earlier):
        if b.kind != kind or b.source_head.lower_ != a.source_head.lower_ or b.source == a.source:
            continue
        if words <= description_words(as_written(b)):
            return b.resolved or as_written(b)
    return None


def description_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[\w.]+", text)} - {"the", "a", "an", "this", "that"}


def resolve_title(ctx: Context, a: Attribution) -> str | None:
    """"the governor" -> the latest earlier person given that title
    ("Governor Hassan Nouri", "Hassan Nouri, the governor,")."""
    head = a.source_head
    lemma = head.lemma_.lower()
    for chain in reversed(ctx.shared.get("persons") or []):
        name, starts = chain_name_and_mentions(chain)
        role = chain.get("role") if isinstance(chain, dict) else getattr(chain, "role", None)
        if name and role and lemma in str(role).lower() and any(s < a.source[0] for s in starts):
            return name
    doc = ctx.doc
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.end_char <= a.source[0]]
    for entity in reversed(people):
        window = doc[max(entity.start - 3, entity.sent.start):entity.start]
        after = doc[entity.end:min(entity.end + 8, entity.sent.end)]
        if any(t.lemma_.lower() == lemma for t in window) or (
                len(after) and after[0].text == "," and any(t.lemma_.lower() == lemma for t in after)):
            return entity.text
    return None


def resolve_outlet(ctx: Context, a: Attribution, text: str, lex: Lexicon,
                   earlier: list[Attribution]) -> str | None:
    """"The Post" / "the newspaper" -> the outlet named earlier in the article:
    an earlier outlet source, else a known outlet name in the text before,
    else (for a bare description) the article's own outlet."""
    words = text.split()
    tail = words[-1].lower() if words else ""
    is_description = tail in lex.outlet_descriptions and len(words) <= 3
    for b in reversed(earlier):
        if b.kind == "outlet" and as_written(b) != text and (
                is_description or as_written(b).split()[-1].lower() == tail):
            return b.resolved or as_written(b)
    before = ctx.text[:a.source[0]]
    best = None
    for name in lex.outlet_names:
        if len(name) <= len(text) or not (is_description or name.split()[-1] == tail):
            continue
        found = re.search(r"\b" + re.escape(name) + r"\b", before, flags=re.I)
        if found and (best is None or found.start() > best[0]):
            best = (found.start(), found.group(0))
    if best:
        return best[1]
    return ctx.record.outlet if is_description else None


def nearest_org(ctx: Context, before: int, head: Token) -> str | None:
    word = head.text.lower()
    candidates = [e for e in ctx.doc.ents if e.label_ == "ORG" and e.end_char <= before]
    for entity in reversed(candidates):
        if word in entity.text.lower():
            return entity.text
    return None


def source_actor(ctx: Context, a: Attribution) -> Actor | None:
    """The actor of the source. A pronoun or surname takes the actor of the
    person it resolves to; otherwise the entities component's coder codes the
    source head ("Israeli officials" -> ISRGOV), else the entity at the head."""
    if a.resolved and a.source_head.pos_ in ("PRON", "PROPN"):
        actor = actor_named(ctx, a.resolved)
        if actor is not None:
            return actor
    coder = ctx.shared.get("actor_coder")
    if coder is not None:
        try:
            actor = coder.for_token(a.source_head)
        except Exception:  # another component's helper must never sink a claim
            actor = None
        if actor is not None:
            return actor
    head = a.source_head
    for entity in ctx.record.entities:
        if entity.actor and entity.start <= head.idx < entity.end:
            return entity.actor
    return actor_named(ctx, a.resolved) if a.resolved else None


def actor_named(ctx: Context, name: str) -> Actor | None:
    for entity in ctx.record.entities:
        if entity.actor and entity.text == name:
            return entity.actor
    return None


# --------------------------------------------------------------------------- nesting


def link_citations(attributions: list[Attribution]) -> None:
    """Set ``parent`` (-> cited_by): see the module docstring."""
    for b in attributions:
        if b.parent is not None:
            continue
        said_at = b.cue if b.source is None else (min(b.source[0], b.cue[0]),
                                                   max(b.source[1], b.cue[1]))
        holders = [a for a in attributions if a is not b and a.content and a.region != b.region
                   and a.content[0] <= said_at[0] and said_at[1] <= a.content[1]
                   and not cites_through(a, b)]
        if holders:
            b.parent = min(holders, key=lambda a: a.content[1] - a.content[0])


def cites_through(a: Attribution, b: Attribution) -> bool:
    """True when ``a`` is already (transitively) cited by ``b``: no cycles."""
    seen = set()
    while a.parent is not None and id(a) not in seen:
        seen.add(id(a))
        if a.parent is b:
            return True
        a = a.parent
    return False


# --------------------------------------------------------------------------- the component


def find_attributions(ctx: Context, mode: str = "hybrid") -> list[Attribution]:
    """Every attribution of the article, classified and linked, in text order.

    ``mode``: "hybrid" (the learned model's claims, their sources completed by
    the rules, plus the rules' "citing" chains), "union" (hybrid, plus every
    rule claim on a cue the model did not find), "learned" or "rules".
    Without a shipped model, all but "learned" fall back to the rules."""
    text = ctx.text
    found = rule_attributions(ctx) if mode != "learned" else []
    model = shipped_model() if mode != "rules" else None
    if model is not None:
        learned = learned_attributions(ctx.doc, model, Attribution)
        found = merge(learned, found, text, add_missed=mode == "union")
        found.sort(key=lambda a: (a.region[0], a.cue[0], a.content[0]))
    for a in found:
        a.extras["text"] = text[a.source[0]:a.source[1]] if a.source else ""
    classify_sources(ctx, found, lexicon())
    found = [a for a in found if keep(a, text)]
    link_citations(found)
    return found


def rule_attributions(ctx: Context) -> list[Attribution]:
    """The rules' attributions, unclassified, in text order."""
    lex = lexicon()
    text = ctx.text
    pairs = quote_pairs(text)
    verbs = verb_attributions(ctx, lex)
    fill_from_quotes(text, verbs, pairs)
    prepositional = (according_attributions(ctx, lex) + citing_attributions(ctx, verbs, lex)
                     + media_attributions(ctx, [v for v in verbs if v.content], lex))
    relayed = [a for a in prepositional if a.via == "citing" and a.parent is not None]
    found = settle_contents(ctx, [a for a in verbs + prepositional if a.content and a not in relayed],
                            relayed, pairs)
    for a in relayed:  # "citing X": X said what the report says
        if a.parent in found:
            a.content, a.quote = a.parent.content, a.parent.quote
            found.append(a)
    sentences = ctx.record.sentences or [(0, len(text))]
    for a in continuation_quotes(text, found, pairs, sentences):
        finish_content(a, text, pairs, a.content)
        if a.content:
            found.append(a)
    found = dedupe(found)
    found.sort(key=lambda a: (a.region[0], a.cue[0], a.content[0]))
    return found


def settle_contents(ctx: Context, attributions: list[Attribution], relayed: list[Attribution],
                    pairs: list[tuple[int, int]]) -> list[Attribution]:
    """Final content spans: cut at neighbouring attributions, kept within the
    paragraph, trimmed, quote-balanced; attributions left without content go."""
    text = ctx.text
    sentences = ctx.record.sentences or [(0, len(text))]
    floor = ctx.record.dateline.end if ctx.record.dateline else 0
    kept = [a for a in attributions if not overlaps(a.content, a.region)]
    for a in kept:
        if a.via == "verb":
            cut_at_other_regions(a, kept + relayed, ctx.doc)
        clip_to_paragraph(a, text, floor)
    kept = [a for a in kept if a.content and not overlaps(a.content, a.region)
            and not inside(a.content, a.region)]
    for a in kept:
        sentence = sentences[sentence_index(sentences, a.region[0])]
        finish_content(a, text, pairs, (min(sentence[0], a.content[0]), max(sentence[1], a.content[1])))
    return [a for a in kept if a.content]


def inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1] and not (a[0] <= b[0] and b[1] <= a[1])


def keep(a: Attribution, text: str) -> bool:
    """"citing X" must name a plausible source ("citing threats" does not);
    indirect content is not a lone function word ("he warned that" + nothing)."""
    if a.via == "citing" and a.kind == "unknown":
        return False
    words = text[a.content[0]:a.content[1]].split()
    return a.quote != "indirect" or len(words) > 1 or (
        bool(words) and words[0].lower() not in ("that", "this", "it", "so", "which", "what"))


def dedupe(attributions: Iterable[Attribution]) -> list[Attribution]:
    """One claim per (cue, source, content): rules may find the same one twice."""
    seen, out = set(), []
    for a in attributions:
        key = (a.cue, a.source, a.content)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return out


def to_claims(ctx: Context, attributions: list[Attribution]) -> list[Claim]:
    text = ctx.text
    for a in attributions:
        a.id = ctx.new_id("c")

    def span(pair):
        return Span(text[pair[0]:pair[1]], pair[0], pair[1])

    claims = []
    for a in attributions:
        s = a.source
        source = None if s is None else ClaimSource(
            text[s[0]:s[1]], s[0], s[1], kind=a.kind, resolved=a.resolved, actor=source_actor(ctx, a))
        parent = a.parent if a.parent in attributions else None
        claims.append(Claim(id=a.id, source=source, cue=span(a.cue), content=span(a.content),
                            quote=a.quote, cited_by=parent.id if parent else None,
                            negated=bool(a.extras.get("negated"))))
    return claims


@component("claims")
def make_claims(config):
    mode = config.get("mode", "hybrid")  # "hybrid" | "learned" | "rules"

    def claims(ctx: Context) -> None:
        ctx.record.claims = to_claims(ctx, find_attributions(ctx, mode))
    return claims
