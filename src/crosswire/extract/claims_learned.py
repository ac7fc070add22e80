"""The learned model's attributions as the rules' working objects, and how
the two are combined (:func:`crosswire.extract.claims.find_attributions`).

The learned model (:mod:`claims_model`) finds cue, content and source spans
in PolNeAR's conventions; the rules keep what they do that the model does
not: source kinds and ``resolved`` (applied to every claim afterwards), the
"citing X" chains, and the claims of cues the model misses.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .claims_model import ClaimsModel, LearnedClaim, cue_head, doc_info, extract

QUOTE_MARKS = "\"“”"
OPENING, CLOSING = "\"“", "\"”"
NEGATION = {"not", "n't", "never", "no"}


def quote_type(text: str, content: tuple[int, int]) -> str:
    """"direct" (opened and closed by quote marks: spans are stripped of them,
    so look just outside too), "mixed" (marks inside only) or "indirect"."""
    start, end = content
    while end < len(text) and text[end] in ",.;:!?…":
        end += 1
    def mark(i: int, marks: str) -> bool:  # never true for an empty slice
        return 0 <= i < len(text) and text[i] in marks

    opens = mark(start - 1, OPENING) or mark(start, OPENING)
    closes = mark(end, CLOSING) or mark(content[1] - 1, CLOSING)
    if opens and closes:
        return "direct"
    body = text[content[0]:content[1]]
    return "mixed" if opens or closes or any(mark in body for mark in QUOTE_MARKS) else "indirect"


def is_negated(doc: Doc, cue: tuple[int, int]) -> bool:
    """A negation in the cue ("did not say") or on its verb ("never denied")."""
    first, last = cue
    head = cue_head(doc, first, last)
    if any(doc[i].lower_ in NEGATION for i in range(first, last + 1)):
        return True
    return any(child.dep_ == "neg" for child in head.children)


def source_root(doc: Doc, span: tuple[int, int] | None, fallback: Token) -> Token:
    if span is None:
        return fallback
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None and len(found) else fallback


# A cue made only of these is never one in PolNeAR's train split (0 of 19,831
# cues is "a", "the", "and", "it"...), yet the tagger now and then marks one.
NEVER_A_CUE = {"DET", "CCONJ", "PRON"}


def plausible_cue(doc: Doc, cue_tokens: tuple[int, int]) -> bool:
    first, last = cue_tokens
    return any(doc[i].pos_ not in NEVER_A_CUE for i in range(first, last + 1))


def learned_attributions(doc: Doc, model: ClaimsModel, attribution_class) -> list:
    """The model's claims as ``attribution_class`` (claims.Attribution) objects."""
    text = doc.text
    out = []
    for claim in extract(model, doc, doc_info(doc)):
        if not plausible_cue(doc, claim.cue_tokens):
            continue
        out.append(as_attribution(doc, text, claim, attribution_class))
    return out


def within_line(text: str, source: tuple[int, int] | None, cue: tuple[int, int]
                ) -> tuple[int, int] | None:
    """A source does not cross a line break (2 of 18,359 in PolNeAR's train
    split do): keep the part on the cue's side, so that a subheading above
    ("Pragmatism vs. ideology\nAnalysts say ...") is not part of the source."""
    if source is None or "\n" not in text[source[0]:source[1]]:
        return source
    start, end = source
    if end <= cue[0]:
        start = text.rindex("\n", start, end) + 1
    else:
        end = text.index("\n", start, end)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def as_attribution(doc: Doc, text: str, claim: LearnedClaim, attribution_class):
    head = cue_head(doc, *claim.cue_tokens)
    claim.source = within_line(text, claim.source, claim.cue)
    region = claim.cue if claim.source is None else (
        min(claim.cue[0], claim.source[0]), max(claim.cue[1], claim.source[1]))
    a = attribution_class(cue=claim.cue, source=claim.source,
                          source_head=source_root(doc, claim.source, head), region=region,
                          content=claim.content, via="learned", verb=head)
    a.quote = quote_type(text, claim.content)
    a.extras["negated"] = is_negated(doc, claim.cue_tokens)
    return a


def overlapping(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def merge(learned: list, rules: list, text: str, add_missed: bool = True) -> list:
    """The learned claims, plus each rule claim whose cue no learned claim's
    cue overlaps (only with ``add_missed``). "citing X" chains are the rules':
    a learned claim on a "citing" cue gives way to the rule's, whose parent
    becomes the learned claim that took the place of the rule's report. A
    learned claim without a source takes the source of a rule claim on the
    same cue: the rules rarely find a source that is not there."""
    merged = list(learned)
    citing = [r for r in rules if r.via == "citing"]
    for r in rules:
        if r.via == "citing":
            continue
        twins = [m for m in learned if overlapping(r.cue, m.cue)]
        if add_missed and not twins:
            merged.append(r)
        for m in twins:
            longer = (r.source is not None and m.source is not None and overlapping(r.source, m.source)
                      and r.source[1] - r.source[0] > m.source[1] - m.source[0])
            if (m.source is None and r.source is not None) or longer:
                m.source, m.source_head = r.source, r.source_head
                m.region = (min(m.cue[0], r.source[0]), max(m.cue[1], r.source[1]))
    for r in citing:
        merged = [m for m in merged if not overlapping(r.cue, m.cue)]
    for r in citing:
        if r.parent is not None and r.parent not in merged:
            report = next((m for m in merged if overlapping(r.parent.cue, m.cue)), None)
            if report is None:
                continue  # the report itself is gone: so is what it relays
            r.parent = report
        if r.parent is not None and r.parent.via == "learned":
            drop_citing_phrase(r.parent, r, text)
            r.content, r.quote = r.parent.content, r.parent.quote
        merged.append(r)
    return merged


def drop_citing_phrase(report, citing, text: str) -> None:
    """"X reported, citing Y, that Z": the model may start the report's content
    at "citing"; the phrase is the relay's source, not what is reported."""
    start, end = report.content
    phrase_end = citing.source[1] if citing.source else citing.cue[1]
    if not (start <= citing.cue[0] and phrase_end < end) or text[start:citing.cue[0]].strip(" ,“\""):
        return
    while phrase_end < end and text[phrase_end] in " ,;”\"'’\n":
        phrase_end += 1
    report.content = (phrase_end, end)
