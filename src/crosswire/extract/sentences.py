"""Sentence boundaries from the parser, as character offsets."""
from __future__ import annotations

from .pipeline import Context, component


@component("sentences")
def make_sentences(config):
    def sentences(ctx: Context) -> None:
        spans = []
        for sent in ctx.doc.sents:
            # Trim surrounding whitespace (and the blanked dateline) from each sentence.
            start, end = sent.start_char, sent.end_char
            text = ctx.text
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                spans.append((start, end))
        ctx.record.sentences = spans or [(0, len(ctx.text))]
    return sentences
