"""A learned attribution extractor (PARC/PolNeAR conventions), cheap on CPU.

Three linear models over the spaCy parse, trained on PolNeAR's train split by
``crosswire train claims`` (:mod:`crosswire.extract.claims_train`):

1. **cue tagger**: every token is labelled O / B / I (begin / inside a cue)
   from lexical and syntactic features and from how often its lemma is a cue
   in the training data;
2. **content ranker**: for each cue, candidate spans come from the parse and
   the quotation marks (complement subtrees, the clause that governs a
   parenthetical cue, the rest of the sentence, quotations next to or around
   the cue, chained across interruptions and sentences); the best-scored
   candidate is the content;
3. **source ranker**: candidate noun phrases (subject subtree, agent,
   possessor, "according to" object, noun chunks of the sentence) plus
   ``None`` (no stated source); the best-scored one is the source.

The weights are plain feature -> weight tables (gzipped JSON in
``lexicons/claims_model.json.gz``): extraction needs neither scikit-learn nor
pickles, and the model holds lemma strings and counts, never article text.
"""
from __future__ import annotations

import gzip
import json
import math
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from pathlib import Path
from typing import Iterable

from spacy.tokens import Doc, Token

Pair = tuple[int, int]
MODEL_FILE = "claims_model.json.gz"
CUE_LABELS = ("O", "B", "I")
QUOTES = "\"“”"
CONTENT_CHILD_DEPS = {"ccomp", "xcomp", "dobj", "attr", "oprd", "acomp", "advcl", "parataxis",
                      "conj", "npadvmod", "dative", "acl", "relcl", "pcomp", "csubj", "nsubj",
                      "nsubjpass", "appos", "prep"}
SOURCE_DEPS = ("nsubj", "nsubjpass", "agent", "poss", "pobj")
PUNCT = set(" \t\n\xa0,.;:!?\"“”‘’'()[]—–-…")


# --------------------------------------------------------------------------- model data


@dataclass
class LinearModel:
    """Sparse linear scorer: one weight vector per class (a ranker has one)."""

    weights: dict[str, list[float]]
    bias: list[float]

    def scores(self, features: Iterable[str]) -> list[float]:
        total = list(self.bias)
        for name in features:
            w = self.weights.get(name)
            if w is not None:
                for k, value in enumerate(w):
                    total[k] += value
        return total

    def to_json(self) -> dict:
        return {"weights": self.weights, "bias": self.bias}

    @classmethod
    def from_json(cls, data: dict) -> "LinearModel":
        return cls(weights=data["weights"], bias=data["bias"])


@dataclass
class ClaimsModel:
    cue: LinearModel
    content: LinearModel
    source: LinearModel
    cue_rate: dict[str, float]  # lemma -> share of its training tokens inside a cue
    meta: dict = field(default_factory=dict)

    def save(self, path: Path) -> None:
        data = {"meta": self.meta, "cue_rate": self.cue_rate, "cue": self.cue.to_json(),
                "content": self.content.to_json(), "source": self.source.to_json()}
        raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
        # mtime=0: two trainings on the same data give byte-identical files
        Path(path).write_bytes(gzip.compress(raw, mtime=0))

    @classmethod
    def load(cls, path: Path) -> "ClaimsModel":
        data = json.loads(gzip.decompress(Path(path).read_bytes()).decode("utf-8"))
        return cls(cue=LinearModel.from_json(data["cue"]),
                   content=LinearModel.from_json(data["content"]),
                   source=LinearModel.from_json(data["source"]),
                   cue_rate=data["cue_rate"], meta=data.get("meta", {}))


@lru_cache(maxsize=1)
def shipped_model() -> ClaimsModel | None:
    """The model shipped in the package, or None when it is not there."""
    resource = resources.files("crosswire.lexicons").joinpath(MODEL_FILE)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return ClaimsModel.load(path)


# --------------------------------------------------------------------------- shared helpers


@dataclass
class DocInfo:
    """Per-document facts every feature function needs, computed once."""

    doc: Doc
    quoted: list[bool]  # token inside a quotation
    pairs: list[Pair]   # quotations as (first char, last char + 1)
    sent_of: list[int]  # token -> sentence index
    sents: list[Pair]   # sentence token ranges
    text: str = ""      # doc.text, which spaCy rebuilds on every access
    chunks: list[Pair] = field(default_factory=list)  # noun chunks, token ranges
    ents: list[tuple[int, int, str]] = field(default_factory=list)


def doc_info(doc: Doc) -> DocInfo:
    from .claims import quote_pairs  # the rules' quotation finder, shared

    text = doc.text
    pairs = [(a, b + 1) for a, b in quote_pairs(text)]
    quoted = [False] * len(doc)
    k = 0
    for token in doc:
        while k < len(pairs) and pairs[k][1] <= token.idx:
            k += 1
        quoted[token.i] = k < len(pairs) and pairs[k][0] < token.idx < pairs[k][1]
    sents, sent_of = [], [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        sents.append((sent.start, sent.end))
        for i in range(sent.start, sent.end):
            sent_of[i] = n
    chunks = [(c.start, c.end - 1) for c in doc.noun_chunks] if doc.has_annotation("DEP") else []
    ents = [(e.start, e.end - 1, e.label_) for e in doc.ents]
    return DocInfo(doc, quoted, pairs, sent_of, sents, text, chunks, ents)


def chars(doc: Doc, first: int, last: int) -> Pair:
    """Character span of tokens first..last (inclusive), edge spaces/punctuation
    dropped; (0, 0) when nothing is left."""
    while first <= last and (doc[first].is_space or doc[first].text in PUNCT):
        first += 1
    while last >= first and (doc[last].is_space or doc[last].text in PUNCT):
        last -= 1
    if first > last:
        return (0, 0)
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def strip_chars(text: str, span: Pair) -> Pair:
    start, end = span
    while start < end and text[start] in PUNCT:
        start += 1
    while end > start and text[end - 1] in PUNCT:
        end -= 1
    return (start, end)


def bucket(n: float, edges=(0, 1, 2, 3, 5, 8, 13, 21, 34, 55)) -> int:
    for k, edge in enumerate(edges):
        if n <= edge:
            return k
    return len(edges)


def rate_bucket(rate: float | None) -> str:
    if rate is None:
        return "unk"
    return str(min(9, int(rate * 10)))


# --------------------------------------------------------------------------- cues


def token_features(info: DocInfo, i: int, cue_rate: dict[str, float]) -> list[str]:
    doc = info.doc
    t = doc[i]
    lemma = t.lemma_.lower()
    head = t.head
    hl = head.lemma_.lower()
    f = [f"w={t.lower_}", f"l={lemma}", f"t={t.tag_}", f"d={t.dep_}", f"ld={lemma}|{t.dep_}",
         f"lt={lemma}|{t.pos_}", f"pd={t.pos_}|{t.dep_}", f"hl={hl}", f"hd={head.dep_}",
         f"hp={head.pos_}", f"dhl={t.dep_}|{hl}", f"q={info.quoted[i]}",
         f"r={rate_bucket(cue_rate.get(lemma))}", f"hr={rate_bucket(cue_rate.get(hl))}",
         f"rd={rate_bucket(cue_rate.get(lemma))}|{t.dep_}",
         f"hrd={rate_bucket(cue_rate.get(hl))}|{t.dep_}"]
    kids = set()
    for child in t.children:
        kids.add(child.dep_)
        if child.dep_ in ("mark", "prep", "aux", "neg", "auxpass"):
            f.append(f"cl={child.dep_}|{child.lemma_.lower()}")
    f += [f"cd={d}" for d in sorted(kids)]
    f += [f"lcd={lemma}|{d}" for d in sorted(kids) if d in ("ccomp", "xcomp", "dobj", "nsubj", "prep")]
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < len(doc):
            f.append(f"l{off}={doc[j].lemma_.lower()}")
            f.append(f"p{off}={doc[j].tag_}")
        else:
            f.append(f"l{off}=<edge>")
    if i > 0:
        f.append(f"bi={doc[i - 1].lemma_.lower()}|{lemma}")
    if i + 1 < len(doc):
        f.append(f"bi+={lemma}|{doc[i + 1].lemma_.lower()}")
    start = info.sents[info.sent_of[i]][0]
    f.append(f"pos={bucket(i - start)}")
    if t.text == ":":
        f.append(f"colon_after={doc[i - 1].pos_ if i else 'none'}|{bucket(i - start)}")
    return f


def decode_cues(labels: list[str]) -> list[Pair]:
    """Token spans [first, last] from B/I/O labels (an I after O starts a cue)."""
    spans, start = [], None
    for i, label in enumerate(labels + ["O"]):
        if label == "B" or (label == "I" and start is None):
            if start is not None:
                spans.append((start, i - 1))
            start = i
        elif label == "O" and start is not None:
            spans.append((start, i - 1))
            start = None
    return spans


def cue_head(doc: Doc, first: int, last: int) -> Token:
    """The token of the cue that the rest of the sentence hangs on."""
    outside = [doc[i] for i in range(first, last + 1)
               if not (first <= doc[i].head.i <= last) or doc[i].head.i == i]
    for token in outside:
        if token.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and token.text not in PUNCT:
            return token
    return outside[0] if outside else doc[first]


# --------------------------------------------------------------------------- candidates


@dataclass
class Candidate:
    span: Pair | None  # characters; None: no source stated
    kinds: set[str] = field(default_factory=set)
    first: int = 0  # token range, for features
    last: int = 0


TIME_ENTITIES = {"DATE", "TIME"}


def add(cands: dict, span: Pair, kind: str, first: int, last: int, doc: Doc | None = None) -> None:
    if span[1] <= span[0]:
        return
    if doc is not None and all(doc[i].ent_type_ in TIME_ENTITIES or doc[i].is_punct
                               for i in range(first, last + 1)):
        return  # "said Tuesday": a time expression is not what is said
    c = cands.get(span)
    if c is None:
        cands[span] = c = Candidate(span, set(), first, last)
    c.kinds.add(kind)


def without(doc: Doc, tokens: list[int], cue: Pair) -> list[Pair]:
    """Contiguous runs of ``tokens`` (sorted) once the cue's tokens are removed."""
    runs, run = [], []
    for i in tokens:
        if cue[0] <= i <= cue[1] or (run and i != run[-1] + 1):
            if run:
                runs.append((run[0], run[-1]))
            run = [] if cue[0] <= i <= cue[1] else [i]
        else:
            run.append(i)
    if run:
        runs.append((run[0], run[-1]))
    return runs


def subtree_range(token: Token) -> Pair:
    return token.left_edge.i, token.right_edge.i


def content_candidates(info: DocInfo, cue: Pair) -> list[Candidate]:
    doc = info.doc
    head = cue_head(doc, *cue)
    cands: dict[Pair, Candidate] = {}

    def add_tokens(first: int, last: int, kind: str) -> None:
        if first > last:
            return
        add(cands, chars(doc, first, last), kind, first, last, doc)

    cue_tokens = [doc[i] for i in range(cue[0], cue[1] + 1)]
    for token in cue_tokens:
        for child in token.children:
            if cue[0] <= child.i <= cue[1] or child.dep_ not in CONTENT_CHILD_DEPS:
                continue
            first, last = subtree_range(child)
            add_tokens(first, last, f"child:{child.dep_}")
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ in ("pobj", "pcomp"):
                        add_tokens(*subtree_range(obj), f"pobj:{child.lemma_.lower()}")
            if child.dep_ in ("dobj", "nsubj", "nsubjpass"):  # "urged Israel to accept": its xcomp
                for grand in child.children:
                    if grand.dep_ in ("xcomp", "acl", "ccomp", "relcl"):
                        add_tokens(*subtree_range(grand), f"grand:{grand.dep_}")
        # from the cue to the end of its own subtree ("said X ..." inverted)
    # the clause that governs a parenthetical cue ("A, he said, B") or "according to"
    governor = head.head if head.head.i != head.i else None
    if governor is not None and not (cue[0] <= governor.i <= cue[1]):
        own = set(range(head.left_edge.i, head.right_edge.i + 1))
        tokens = [i for i in range(governor.left_edge.i, governor.right_edge.i + 1) if i not in own]
        runs = without(doc, tokens, cue)
        if runs:
            add_tokens(runs[0][0], runs[-1][1], f"gov:{head.dep_}")
            for a, b in runs:
                add_tokens(a, b, f"gov_part:{head.dep_}")
    # the sentence, left and right of the cue's region
    s_first, s_end = info.sents[info.sent_of[cue[0]]]
    region = (min(head.left_edge.i, cue[0]), max(head.right_edge.i, cue[1]))
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    reg_first = min([cue[0]] + [subtree_range(c)[0] for c in subj])
    reg_last = max([cue[1]] + [subtree_range(c)[1] for c in subj])
    add_tokens(s_first, reg_first - 1, "sent_left")
    add_tokens(reg_last + 1, s_end - 1, "sent_right")
    add_tokens(cue[1] + 1, s_end - 1, "after_cue")
    add_tokens(cue[1] + 1, region[1], "cue_subtree_right")
    # quotations near the cue, alone and chained over interruptions/sentences
    cue_chars = (doc[cue[0]].idx, doc[cue[1]].idx + len(doc[cue[1]].text))
    para = paragraph_bounds(info.text, cue_chars[0])
    pairs = [p for p in info.pairs if para[0] <= p[0] and p[1] <= para[1]]
    before = [p for p in pairs if p[1] <= cue_chars[0]]
    after = [p for p in pairs if p[0] >= cue_chars[1]]
    around = [p for p in pairs if p[0] < cue_chars[0] and cue_chars[1] < p[1]]
    for p in around:
        add_span(cands, info, p, "quote_around")
    if before:
        last_before = before[-1]
        add_span(cands, info, last_before, "quote_before")
        add_span(cands, info, (before[0][0], last_before[1]), "quote_chain_before")
        if after:
            add_span(cands, info, (last_before[0], after[0][1]), "quote_across")
            add_span(cands, info, (last_before[0], after[-1][1]), "quote_across_all")
    if after:
        add_span(cands, info, after[0], "quote_after")
        add_span(cands, info, (after[0][0], after[-1][1]), "quote_chain_after")
    return list(cands.values())


def add_span(cands: dict, info: DocInfo, span: Pair, kind: str) -> None:
    span = strip_chars(info.text, span)
    first = info.doc.char_span(span[0], span[1], alignment_mode="expand") if span[1] > span[0] else None
    if first is None or not len(first):
        return
    add(cands, span, kind, first.start, first.end - 1)


def paragraph_bounds(text: str, char: int) -> Pair:
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    return start, (len(text) if end < 0 else end)


def content_features(info: DocInfo, cue: Pair, c: Candidate) -> list[str]:
    doc = info.doc
    head = cue_head(doc, *cue)
    hl = head.lemma_.lower()
    text = info.text[c.span[0]:c.span[1]]
    side = "around" if c.first < cue[0] and c.last > cue[1] else (
        "left" if c.last < cue[0] else ("right" if c.first > cue[1] else "in"))
    n = c.last - c.first + 1
    gap = c.first - cue[1] if side == "right" else (cue[0] - c.last if side == "left" else 0)
    sents = info.sent_of[c.last] - info.sent_of[c.first]
    f = [f"side={side}", f"len={bucket(n)}", f"gap={bucket(gap)}", f"sents={min(sents, 3)}",
         f"q0={text[:1] in QUOTES}", f"q1={text[-1:] in QUOTES}", f"hq={info.quoted[head.i]}",
         f"that={text.split(' ', 1)[0].lower() in ('that', 'whether', 'if')}",
         f"hd={head.dep_}", f"hp={head.pos_}", f"nk={min(len(c.kinds), 4)}",
         f"root_pos={doc[c.first].pos_}"]
    for kind in sorted(c.kinds):
        f += [f"k={kind}", f"kl={kind}|{hl}", f"ks={kind}|{side}", f"khp={kind}|{head.pos_}",
              f"kq={kind}|{info.quoted[head.i]}", f"kn={kind}|{bucket(n)}"]
    return f


def in_range(items: list, start: int, end: int) -> list:
    """The items (tuples sorted by their first element) with start <= first < end."""
    return items[bisect_left(items, start, key=itemgetter(0)):
                 bisect_left(items, end, key=itemgetter(0))]


def source_candidates(info: DocInfo, cue: Pair) -> list[Candidate]:
    doc = info.doc
    head = cue_head(doc, *cue)
    cands: dict[Pair, Candidate] = {}

    def add_token(token: Token, kind: str) -> None:
        first, last = subtree_range(token)
        if first <= cue[0] <= last:  # a subtree holding the cue is not its source
            first, last = token.i, token.i
            for left in reversed(range(token.left_edge.i, token.i)):
                if doc[left].dep_ in ("compound", "amod", "det", "poss", "nummod", "nmod"):
                    first = left
                else:
                    break
        add(cands, chars(doc, first, last), kind, first, last)
        add(cands, chars(doc, token.i, token.i), kind + ":head", token.i, token.i)
        if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
            add_token_plain(token.head.head, "antecedent")

    def add_token_plain(token: Token, kind: str) -> None:
        first, last = subtree_range(token)
        if not (first <= cue[0] <= last):
            add(cands, chars(doc, first, last), kind, first, last)

    climb, seen = head, 0
    while climb is not None and seen < 4:
        for child in climb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "poss", "expl"):
                add_token(child, f"{child.dep_}@{seen}")
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by", "to", "from", "of")):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add_token(obj, f"pobj:{child.lower_}@{seen}")
        if climb.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl", "ccomp") and climb.head.i != climb.i:
            climb, seen = climb.head, seen + 1
        else:
            climb = None
    for i in range(cue[0], cue[1] + 1):
        for child in doc[i].children:
            if child.dep_ == "prep":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        add_token(obj, f"cue_pobj:{child.lower_}")
            if child.dep_ == "pobj":
                add_token(child, "cue_pobj")
    if head.dep_ in ("relcl", "acl") and head.head.i != head.i:
        add_token_plain(head.head, "modified_noun")
    s_first, s_end = info.sents[info.sent_of[cue[0]]]
    # chunks and entities are in text order: the sentence's, by bisection (a
    # scan of the whole document per cue is quadratic in long articles)
    for c_first, c_last in in_range(info.chunks, s_first, s_end):
        add(cands, chars(doc, c_first, c_last), "chunk", c_first, c_last)
        first, last = subtree_range(doc[c_first:c_last + 1].root)
        if not (first <= cue[0] <= last):
            add(cands, chars(doc, first, last), "chunk_subtree", first, last)
    for e_first, e_last, label in in_range(info.ents, s_first, s_end):
        add(cands, chars(doc, e_first, e_last), f"ent:{label}", e_first, e_last)
    out = list(cands.values())
    out.append(Candidate(None, {"null"}, cue[0], cue[1]))
    return out


def source_features(info: DocInfo, cue: Pair, c: Candidate, content: Pair | None) -> list[str]:
    doc = info.doc
    head = cue_head(doc, *cue)
    hl = head.lemma_.lower()
    passive = any(ch.dep_ in ("auxpass", "nsubjpass") for ch in head.children)
    if c.span is None:
        subj = any(ch.dep_ in ("nsubj", "nsubjpass") for ch in head.children)
        return ["null", f"null_l={hl}", f"null_pass={passive}", f"null_subj={subj}",
                f"null_hd={head.dep_}", f"null_hp={head.pos_}", f"null_q={info.quoted[head.i]}",
                f"null_t={head.tag_}"]
    side = "left" if c.last < cue[0] else ("right" if c.first > cue[1] else "in")
    gap = c.first - cue[1] if side == "right" else (cue[0] - c.last if side == "left" else 0)
    root = doc[c.first:c.last + 1].root
    in_content = content is not None and c.span[0] < content[1] and content[0] < c.span[1]
    n = c.last - c.first + 1
    f = [f"side={side}", f"gap={bucket(gap)}", f"len={bucket(n)}", f"rpos={root.pos_}",
         f"rtag={root.tag_}", f"rent={root.ent_type_ or '-'}", f"rdep={root.dep_}",
         f"inc={in_content}", f"pron={root.pos_ == 'PRON'}", f"pass={passive}",
         f"nk={min(len(c.kinds), 4)}", f"cq={info.quoted[c.first]}"]
    for kind in sorted(c.kinds):
        f += [f"k={kind}", f"kl={kind}|{hl}", f"ks={kind}|{side}", f"kp={kind}|{passive}",
              f"kr={kind}|{root.pos_}", f"kn={kind}|{bucket(n)}"]
    return f


# --------------------------------------------------------------------------- extraction


@dataclass
class LearnedClaim:
    cue: Pair
    content: Pair
    source: Pair | None
    cue_tokens: Pair  # token range, first..last
    score: float = 0.0


LEFT_CUE_DEPS = {"aux", "auxpass", "neg", "advmod"}


def widen_cue(doc: Doc, cue: Pair) -> Pair:
    """Take in the auxiliaries, negation and adverbs just before the cue's verb
    ("has also denied", "did not say"): the convention, which the tagger
    follows only part of the time."""
    head = cue_head(doc, *cue)
    first = cue[0]
    while first > 0:
        prev = doc[first - 1]
        if prev.head.i == head.i and prev.dep_ in LEFT_CUE_DEPS and prev.pos_ != "PUNCT" and (
                prev.dep_ != "advmod" or prev.tag_ in ("RB", "RBR", "RBS")):
            first -= 1
        else:
            break
    return first, cue[1]


def cue_chars(doc: Doc, cue: Pair) -> Pair:
    """Characters of a cue; a cue of punctuation alone (a colon, a dash) stays."""
    span = chars(doc, cue[0], cue[1])
    if span == (0, 0):
        span = doc[cue[0]].idx, doc[cue[1]].idx + len(doc[cue[1]].text)
    return span


def tag_cues(model: ClaimsModel, info: DocInfo) -> list[Pair]:
    labels = []
    for i, token in enumerate(info.doc):
        if token.is_space:
            labels.append("O")
            continue
        scores = model.cue.scores(token_features(info, i, model.cue_rate))
        labels.append(CUE_LABELS[max(range(3), key=scores.__getitem__)])
    return [widen_cue(info.doc, cue) for cue in decode_cues(labels)]


def best(model: LinearModel, options: list[tuple[Candidate, list[str]]]) -> tuple[Candidate | None, float]:
    top, top_score = None, -math.inf
    for cand, feats in options:
        s = model.scores(feats)[0]
        if s > top_score:
            top, top_score = cand, s
    return top, top_score


def join_interrupted(info: DocInfo, cue: Pair, content: Pair) -> Pair:
    """One content for a quotation interrupted by its own attribution
    ("“A,” he said, “B.”"): when the chosen content is the quotation on one
    side of the cue and another opens (or closes) right across it, with only
    the attribution and punctuation between, the content runs first to last."""
    text = info.text
    before = [p for p in info.pairs if p[1] <= cue[0]]
    after = [p for p in info.pairs if p[0] >= cue[1]]
    if not before or not after:
        return content
    first, second = before[-1], after[0]
    if text.count("\n", first[0], second[1]):
        return content
    between = text[first[1]:second[0]]
    if len(between) > 120 or not text[first[0]:first[1]].rstrip("”\"").endswith(","):
        return content
    own = (strip_chars(text, first), strip_chars(text, second))
    if content in own:
        return strip_chars(text, (first[0], second[1]))
    return content


def extract(model: ClaimsModel, doc: Doc, info: DocInfo | None = None) -> list[LearnedClaim]:
    """Every attribution the model finds in ``doc`` (character offsets)."""
    info = info or doc_info(doc)
    claims = []
    for cue in tag_cues(model, info):
        cue_span = cue_chars(doc, cue)
        if not info.text[cue_span[0]:cue_span[1]].strip():
            continue
        contents = content_candidates(info, cue)
        content, score = best(model.content, [(c, content_features(info, cue, c)) for c in contents])
        if content is None:
            continue
        sources = source_candidates(info, cue)
        source, _ = best(model.source, [(c, source_features(info, cue, c, content.span))
                                        for c in sources])
        claims.append(LearnedClaim(cue=cue_span, content=join_interrupted(info, cue_span, content.span),
                                   source=source.span if source else None, cue_tokens=cue,
                                   score=score))
    return claims
