"""Numbers in running text: where they are, what they are worth, how hedged.

``find_numbers(doc)`` yields :class:`NumberMention` for every cardinal in a
parsed text that could be a count: it reads digits ("3,300", "1.2 million")
and number words ("six", "two dozen"), joins ranges ("between 5 and 10",
"5-10"), attaches the qualifier written before it ("more than", "some"), and
skips numbers that are dates, times, money, percentages, ages, ordinals or
labels ("Resolution 1701", "Channel 12", "60-day").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .. import lexicons

# spaCy entity types a count may carry: a cardinal, or none at all.
COUNT_ENTITY_TYPES = ("CARDINAL", "")


@dataclass
class NumberMention:
    start: int  # of the whole figure, qualifier included
    end: int
    value: float | int
    tokens: list[Token]  # the number's own tokens (the last one heads the phrase)
    approx: str = "exact"
    low: float | int | None = None
    high: float | int | None = None

    @property
    def head(self) -> Token:
        return self.tokens[-1]


def words() -> dict:
    return lexicons.load("figures_words.yaml")


def find_numbers(doc: Doc, blocked: list[tuple[int, int]] = ()) -> list[NumberMention]:
    """Every count-like number in ``doc``; ``blocked`` spans (timexes) are skipped."""
    text = doc.text  # rebuilt by spaCy on each access: read once
    # Ranges are joined first: the tagger may label "20 and 35" a DATE, and
    # only the joined figure shows the noun it counts.
    mentions = _join_ranges(text, list(_number_groups(doc, text)))
    mentions = [m for m in mentions if _is_count(doc, text, m, blocked)]
    for mention in mentions:
        if mention.approx != "range":
            _attach_qualifier(text, mention)
    return mentions


def parse_number(text: str) -> float | int | None:
    """'3,300' -> 3300, '1.2 million' -> 1200000, 'six' -> 6, 'two dozen' -> 24."""
    value: float | None = None
    for part in re.split(r"[\s\-]+", text.lower().strip()):
        part_value = _part_value(part)
        if part_value is None:
            return None
        if part in words()["scales"] or part == "dozen":
            value = (value or 1) * part_value
        else:
            value = (value or 0) + part_value
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _part_value(part: str) -> float | None:
    if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", part):
        return float(part.replace(",", ""))
    table = {**words()["number_words"], **words()["scales"]}
    return float(table[part]) if part in table else None


def _number_groups(doc: Doc, text: str):
    """Runs of number tokens ("1.2" + "million"), as unhedged mentions."""
    run: list[Token] = []
    for token in doc:
        if _is_number_token(token) and (not run or token.i == run[-1].i + 1):
            run.append(token)
            continue
        if run:
            yield from _mention_from_run(run, text)
        run = [token] if _is_number_token(token) else []
    if run:
        yield from _mention_from_run(run, text)


def _is_number_token(token: Token) -> bool:
    lower = token.lower_
    if lower in words()["scales"] or lower in words()["number_words"]:
        return True
    return bool(re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", token.text))


def _mention_from_run(run: list[Token], doc_text: str):
    # A run that starts with a scale word alone ("thousand") is not a figure.
    if run[0].lower_ in words()["scales"]:
        return
    text = doc_text[run[0].idx:run[-1].idx + len(run[-1])]
    value = parse_number(text)
    if value is not None:
        yield NumberMention(run[0].idx, run[-1].idx + len(run[-1]), value, list(run))


def _is_count(doc: Doc, text: str, mention: NumberMention, blocked) -> bool:
    if any(s < mention.end and mention.start < e for s, e in blocked):
        return False
    if any(t.ent_type_ not in COUNT_ENTITY_TYPES for t in mention.tokens) \
            and not _counts_a_noun(mention):
        return False
    if _looks_like_year(mention) or _lone_one(mention):
        return False
    return not (_label_before(doc, mention) or _unit_before(text, mention.start)
                or _not_count_after(text, mention.end))


def _counts_a_noun(mention: NumberMention) -> bool:
    """spaCy sometimes tags "between 20 and 35 people" as a DATE: a number that
    modifies a following plural noun is a count whatever the tagger says."""
    token = mention.tokens[0]
    head = token.head
    return (token.dep_ == "nummod" and head.i > token.i and head.tag_ in ("NNS", "NNPS")
            and all(t.ent_type_ in COUNT_ENTITY_TYPES + ("DATE",) for t in mention.tokens))


def _looks_like_year(mention: NumberMention) -> bool:
    token = mention.tokens[0]
    return (len(mention.tokens) == 1 and re.fullmatch(r"(19|20)\d\d", token.text) is not None)


def _lone_one(mention: NumberMention) -> bool:
    """"one" counts only in "one man", not in "one of", "one day" or as a pronoun."""
    token = mention.head
    if token.lower_ != "one" or len(mention.tokens) > 1:
        return False
    return not (token.dep_ == "nummod" and token.head.pos_ == "NOUN" and token.head.i > token.i)


def _label_before(doc: Doc, mention: NumberMention) -> bool:
    first = mention.tokens[0]
    if first.i == 0:
        return False
    previous = doc[first.i - 1]
    if previous.lower_ in words()["label_words"]:
        return True
    # A capitalised proper noun right before a number labels it ("Resolution 1701").
    return previous.pos_ == "PROPN" and previous.text[:1].isupper() and previous.ent_type_ != ""


def _unit_before(text: str, start: int) -> bool:
    before = text[max(0, start - 10):start].rstrip()
    return any(before.endswith(w) for w in words()["not_counts_before"])


@lru_cache(maxsize=1)
def _not_count_after_pattern() -> re.Pattern:
    options = sorted(words()["not_counts_after"], key=len, reverse=True)
    alternation = "|".join(re.escape(o) for o in options)
    return re.compile(rf"\s?(?:{alternation})(?![A-Za-z])", re.IGNORECASE)


def _not_count_after(text: str, end: int) -> bool:
    return _not_count_after_pattern().match(text, end) is not None


@lru_cache(maxsize=1)
def _qualifier_pattern() -> re.Pattern:
    options = sorted(words()["qualifiers"], key=len, reverse=True)
    alternation = "|".join(re.escape(o) for o in options)
    return re.compile(rf"(?<![\w])(?P<q>{alternation})\s+(?:a\s+)?$", re.IGNORECASE)


def _attach_qualifier(text: str, mention: NumberMention) -> None:
    m = _qualifier_pattern().search(text, max(0, mention.start - 25), mention.start)
    if m is None:
        mention.low = mention.high = mention.value
        return
    mention.approx = words()["qualifiers"][m.group("q").lower()]
    mention.start = m.start("q")
    if mention.approx in ("more_than", "at_least"):
        mention.low = mention.value
    elif mention.approx in ("less_than", "up_to"):
        mention.high = mention.value


_RANGE_GAP = re.compile(r"\s*(?:-|\u2013|to|and)\s*$")


def _join_ranges(text: str, mentions: list[NumberMention]) -> list[NumberMention]:
    """'between 5 and 10', '5 to 10', '5-10' -> one mention (value = low end)."""
    joined: list[NumberMention] = []
    for mention in mentions:
        previous = joined[-1] if joined else None
        if previous is not None and _is_range(text, previous, mention):
            low, high = previous.value, mention.value
            start = previous.start
            between = re.search(r"(?<![\w])(?:between|from)\s+$", text[max(0, start - 10):start],
                                re.IGNORECASE)
            if between:
                start -= len(text[max(0, start - 10):start]) - between.start()
            joined[-1] = NumberMention(start, mention.end, low, previous.tokens + mention.tokens,
                                       "range", low, high)
            continue
        joined.append(mention)
    return joined


def _is_range(text: str, first: NumberMention, second: NumberMention) -> bool:
    gap = text[first.end:second.start]
    if not _RANGE_GAP.fullmatch(gap) or first.value >= second.value:
        return False
    if gap.strip() == "and":  # "5 and 10" is a range only after "between"
        return re.search(r"between\s+$", text[max(0, first.start - 10):first.start],
                         re.IGNORECASE) is not None
    return True
