"""Figures: counts of killed, wounded, displaced, arrested, missing, and other
counts (``record.quantities``).

For each count-like number (``figure_numbers.find_numbers``) we find what it
counts (its *unit*: "45 civilians", "500 of its fighters"), then what
happened to them by climbing the dependency tree to the first verb or noun
that says so ("killing 45 civilians", "were displaced", "the death toll rose
to 57"). A number with no such word is kept as ``other`` only when it counts
people or materiel from ``other_units`` ("4,000 troops"). The figure's place
and period are the place and time expression attached to its own phrase
("six on Wednesday") or else to the verb that categorised it.
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Quantity
from .figure_numbers import NumberMention, find_numbers, words
from .place_candidates import words as place_words
from .pipeline import Context, component

# How far up the tree a number may climb to find the word that categorises it.
MAX_CLIMB = 6


@component("quantities")
def make_quantities(config):
    def quantities(ctx: Context) -> None:
        blocked = [(t.start, t.end) for t in ctx.record.timexes]
        for mention in find_numbers(ctx.doc, blocked):
            quantity = build_quantity(ctx, mention)
            if quantity is not None:
                ctx.record.quantities.append(quantity)
    return quantities


def build_quantity(ctx: Context, mention: NumberMention) -> Quantity | None:
    unit = unit_of(ctx.doc, mention)
    category, governor = categorise(mention, unit)
    if category is None:
        return None
    end = max(mention.end, unit.idx + len(unit)) if unit is not None else mention.end
    text = ctx.text[mention.start:end]
    return Quantity(
        text=text, start=mention.start, end=end, id=ctx.new_id("q"), value=mention.value,
        low=mention.low, high=mention.high, approx=mention.approx, category=category,
        unit=unit.text.lower() if unit is not None else None,
        # The figure's own phrase first ("six on Wednesday"), then its verb.
        place=_attached_id(ctx, [unit or mention.head, governor], _by_start(ctx, "places"),
                           locative=True),
        period=_attached_id(ctx, [mention.head, unit, governor], _by_start(ctx, "timexes")))


def _by_start(ctx: Context, kind: str) -> tuple[list, list[int]]:
    """The record's places or timexes sorted by start, with the starts: sorted
    once per article (both lists are complete before figures are built)."""
    key = f"quantities.{kind}_by_start"
    if key not in ctx.shared:
        ordered = sorted(getattr(ctx.record, kind), key=lambda item: item.start)
        ctx.shared[key] = (ordered, [item.start for item in ordered])
    return ctx.shared[key]


# --------------------------------------------------------------------------- unit


def unit_of(doc: Doc, mention: NumberMention) -> Token | None:
    """The noun the number counts: its head ("45 civilians") or the object of
    a following "of" ("500 of its fighters"); None for a bare number."""
    for token in reversed(mention.tokens):  # a range's first number may carry the noun
        if token.dep_ in ("nummod", "quantmod", "compound", "amod") \
                and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > mention.tokens[-1].i:
            return token.head
    head = mention.head
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
            if objects:
                return objects[0]
    return None


# --------------------------------------------------------------------------- category


def categorise(mention: NumberMention, unit: Token | None) -> tuple[str | None, Token | None]:
    """(category, the token that decided it) or (None, None) to drop the number."""
    # The tree is climbed from the unit ("45 civilians" -> "killing"), but from
    # the number itself when the unit hangs off it ("500 of its fighters").
    anchor = unit if unit is not None and unit.head.lower_ != "of" else mention.head
    if any(v.lower_ in words()["vague"] for v in mention.tokens):
        return None, None
    counts_things = unit is not None and unit.lower_ in words()["things"]
    found = None if counts_things else _category_near(mention, unit, anchor)
    if found is not None:
        return found
    if unit is not None and _counts_people_or_materiel(unit):
        return "other", anchor.head if anchor.dep_ != "ROOT" else anchor
    return None, None


def _counts_people_or_materiel(unit: Token) -> bool:
    # Plural demonyms ("10 Israelis") count people too.
    return unit.lower_ in words()["other_units"] or (unit.ent_type_ == "NORP" and unit.tag_ == "NNPS")


def _category_near(mention: NumberMention, unit: Token | None, anchor: Token
                   ) -> tuple[str, Token] | None:
    """The word right after the figure ("140 missing"), the unit itself
    ("17 bodies"), its modifiers ("12 wounded soldiers"), else the first
    content verb up the tree ("were killed")."""
    after = _category_after(anchor)
    if after is not None:
        return after, anchor
    if unit is not None:
        own = _category_word(unit.lemma_.lower()) or _category_word(unit.lower_)
        if own is not None:
            return own, unit
    own = _category_of_modifiers(anchor) or _relative_clause(anchor)
    if own is not None:
        return own, anchor
    token = anchor
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            return None
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.like_num:
            return None  # the total in "38 of the 67 people": not what the verb did
        token = token.head
        category = _category_of(token)
        if category is not None:
            return category, token
        if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() not in words()["pass_through"]:
            return None  # the first real verb decides; no category there means none
    return None


def _category_of(token: Token) -> str | None:
    """Category named by the token itself, its complements, or its subject's toll."""
    for word in (token.lemma_.lower(), token.lower_):
        category = _category_word(word)
        if category:
            return category
    if token.pos_ in ("VERB", "AUX"):
        return (_category_of_modifiers(token) or _object_phrase(token) or _among_those(token)
                or _hospital(token) or _displacement(token) or _toll_subject(token)
                or _toll_before(token))
    return None


def _category_after(anchor: Token) -> str | None:
    """'140 missing', '49 dead', '12 wounded': an adjective right after the figure."""
    if anchor.i + 1 >= len(anchor.doc):
        return None
    following = anchor.doc[anchor.i + 1]
    if following.pos_ not in ("ADJ", "VERB"):
        return None
    return _category_word(following.lower_)


def _object_phrase(verb: Token) -> str | None:
    """'sustained injuries' -> wounded, 'lost their lives' -> killed."""
    objects = words()["object_phrases"].get(verb.lemma_.lower())
    if not objects:
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.lower_ in objects:
            return objects[child.lower_]
    return None


def _among_those(verb: Token) -> str | None:
    """'five passengers were among those killed' -> killed."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "among":
            for token in child.subtree:
                category = _category_word(token.lemma_.lower()) or _category_word(token.lower_)
                if category:
                    return category
    return None


def _hospital(verb: Token) -> str | None:
    """'31 people were taken to hospital' -> wounded."""
    if verb.lemma_.lower() not in words()["hospital_verbs"]:
        return None
    if any(t.lower_ in words()["hospital_words"] for t in verb.subtree):
        return "wounded"
    return None


def _toll_before(verb: Token, window: int = 12) -> str | None:
    """'as the death toll from ... rose to about 300': a toll shortly before a
    rising verb, when the parser did not make it the verb's subject."""
    if verb.lemma_.lower() not in words()["pass_through"]:
        return None
    for token in reversed(verb.doc[max(0, verb.i - window):verb.i]):
        if token.is_sent_end:
            break  # the toll must be in the verb's own sentence
        if token.lower_ == "toll":
            for child in token.children:
                category = _category_word(child.lemma_.lower())
                if category:
                    return category
            return "killed"
    return None


def _category_of_modifiers(token: Token) -> str | None:
    """'10 people dead', 'remain missing', '12 wounded soldiers'."""
    for child in token.children:
        if child.dep_ in ("amod", "acomp", "oprd", "xcomp", "advcl", "attr", "compound"):
            category = _category_word(child.lemma_.lower()) or _category_word(child.lower_)
            if category:
                return category
    return None


def _relative_clause(noun: Token) -> str | None:
    """'three people who went missing' -> missing."""
    for child in noun.children:
        if child.dep_ == "relcl":
            category = _category_word(child.lemma_.lower()) or _category_of_modifiers(child)
            if category:
                return category
    return None


def _displacement(verb: Token) -> str | None:
    """'forcing 20,000 people from their homes' -> displaced."""
    if verb.lemma_.lower() not in words()["displacing_verbs"]:
        return None
    for token in verb.subtree:
        if token.lower_ in words()["home_words"] and token.head.lower_ in ("from", "out", "of"):
            return "displaced"
        if token.lemma_.lower() in ("flee", "leave"):
            return "displaced"
    return None


def _toll_subject(verb: Token) -> str | None:
    """'The death toll rose to 57', 'the number of people killed reached 57'."""
    for child in verb.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        for token in child.subtree:
            category = _category_word(token.lemma_.lower()) or words()["toll_nouns"].get(token.lower_)
            if category:
                return category
    return None


def _category_word(word: str) -> str | None:
    for category, lemmas in words()["categories"].items():
        if word in lemmas:
            return category
    return None


# --------------------------------------------------------------------------- place and period


def _attached_id(ctx: Context, governors: list[Token | None], items_by_start,
                 locative: bool = False) -> str | None:
    """Id of the first item (place or timex) whose phrase hangs off one of
    ``governors``, tried in order. Places must come through a locative
    preposition ("in Lebanon"), so that "Israel's campaign" is not a place."""
    ordered, starts = items_by_start
    for governor in filter(None, governors):
        sentence = ctx.sentence_index(governor.idx)
        low, high = ctx.record.sentences[sentence] if ctx.record.sentences else (0, len(ctx.text))
        # only the governor's sentence, found by bisection: a scan of every place
        # and time expression per figure is quadratic in long articles
        for item in ordered[bisect_left(starts, low):bisect_left(starts, high)]:
            span = ctx.doc.char_span(item.start, item.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            if locative and span.root.head.lower_ not in place_words()["strong_locatives"]:
                continue
            if _hangs_off(span, governor):
                return item.id
    return None


def _hangs_off(span: SpacySpan, governor: Token, max_steps: int = 4) -> bool:
    """The span's root reaches ``governor`` within a few steps, through no other verb."""
    token = span.root
    for _ in range(max_steps):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == governor.i:
            return True
        if token.pos_ in ("VERB", "AUX"):
            return False
    return False
