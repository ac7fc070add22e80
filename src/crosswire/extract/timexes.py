"""Time expressions (TIMEX3) resolved against the publication date.

The grammar (``timex_grammar``) finds expressions with lexicon-built regular
expressions over the record text, so offsets are exact; the parse gives each
expression the tense of the verb that governs it (``timex_tense``) so that
"said Tuesday" and "will meet Tuesday" resolve to different days. Without a
publication date, relative expressions are kept with a null value: only
absolute ones ("Oct. 27, 2024", "2023", "P60D") get one.

spaCy's DATE/TIME entities are not used as extra candidates: over the 89 VOA
development stories the grammar finds 1,035 expressions and spaCy's entities
that it does not cover are mostly ages ("41-year-old"), bare numbers and
programme names (see docs/quality/time.md), so they would add noise, not
recall. The parse is used for what the grammar cannot see: tense.

Writes ``record.timexes``, and ``ctx.shared["timex_found"]``: the rule that
produced each timex (by id), for debugging and evaluation.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..model import Timex
from .pipeline import Context, component
from .timex_calendar import parse_reference
from .timex_grammar import Found, find
from .timex_tense import direction_at


@component("timexes")
def make_timexes(config):
    def timexes(ctx: Context) -> None:
        found = find_timexes(ctx.text, ctx.record.published, ctx.doc)
        for item in found:
            timex_id = ctx.new_id("t")
            ctx.record.timexes.append(Timex(item.text, item.start, item.end, id=timex_id,
                                            type=item.type, value=item.value))
            ctx.shared.setdefault("timex_found", {})[timex_id] = item.rule
    return timexes


def find_timexes(text: str, published: str | None, doc: Doc | None = None) -> list[Found]:
    """Every time expression of ``text`` resolved against ``published`` (may be None)."""
    reference = parse_reference(published)

    def direction_of(start: int, end: int) -> int:
        return direction_at(doc, start, end)

    return find(text, reference, direction_of)
