"""The learned attribution model: training path, extraction, PolNeAR scoring.

The articles here are written for these tests, in PolNeAR's JSON shape."""
from __future__ import annotations

import json

import pytest

from crosswire.eval.claims_polnear import (PolnearScores, is_direct, match_attributions,
                                           match_stripped, read_polnear, score_article, strip_span)
from crosswire.extract import Pipeline
from crosswire.extract.claims_learned import merge, quote_type
from crosswire.extract.claims_model import ClaimsModel, decode_cues, extract
from crosswire.extract.claims_train import train
from crosswire.model import Article

pytest.importorskip("sklearn")

SENTENCES = [
    ("The mayor", "said", "that the bridge would reopen in May"),
    ("Local farmers", "said", "that the rain came too late"),
    ("The coach", "said", "that his team played well"),
    ("A spokeswoman", "said", "that the company would appeal"),
    ("The minister", "said", "that taxes would not rise"),
    ("Two witnesses", "said", "that the car was speeding"),
    ("The union", "said", "that the strike would continue"),
]
FILLER = "The weather was mild and the streets were quiet. Shops opened at nine."


def article(n: int, rows) -> dict:
    text, attributions = "", []
    for k, (source, cue, content) in enumerate(rows):
        if text:
            text += " "
        start = len(text)
        sentence = f"{source} {cue} {content}."
        text += sentence + " " + FILLER
        s0 = start
        c0 = s0 + len(source) + 1
        t0 = c0 + len(cue) + 1
        attributions.append({"id": f"a{k}", "source": [s0, s0 + len(source)], "cue": [c0, c0 + len(cue)],
                             "content": [t0, t0 + len(content)], "merged_roles": []})
    return {"id": f"mine-{n}", "outlet": "test", "published": "2020-01-01", "text": text,
            "attributions": attributions}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    path = tmp_path_factory.mktemp("polnear") / "tiny.jsonl"
    rows = [article(n, SENTENCES[n:] + SENTENCES[:n]) for n in range(4)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    articles = read_polnear(path)
    nlp = Pipeline(["sentences"]).nlp
    docs = [doc for doc, _ in nlp.parse_many([Article(text=a.text, id=a.id) for a in articles])]
    return articles, docs


def test_a_tiny_model_trains_and_extracts(tiny, tmp_path):
    articles, docs = tiny
    model, stats = train(articles, docs)
    assert stats["content_oracle"] > 0.9  # "that ..." clauses are candidates
    model.save(tmp_path / "m.json.gz")
    loaded = ClaimsModel.load(tmp_path / "m.json.gz")
    nlp = Pipeline(["sentences"]).nlp
    text = "The governor said that the schools would close early. The roads were empty."
    doc = nlp.parse(text)
    found = extract(loaded, doc)
    assert [text[c.cue[0]:c.cue[1]] for c in found] == ["said"]
    claim = found[0]
    assert text[claim.content[0]:claim.content[1]] == "that the schools would close early"
    assert text[claim.source[0]:claim.source[1]] == "The governor"


def test_training_is_deterministic(tiny, tmp_path):
    articles, docs = tiny
    for name in ("a", "b"):
        model, _ = train(articles, docs)
        model.save(tmp_path / f"{name}.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


def test_bad_polnear_line_names_file_and_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "t", "attributions": []}\n{"id": \n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.jsonl:2"):
        read_polnear(path)


def test_decode_cues():
    assert decode_cues(["O", "B", "I", "O", "I", "B", "B"]) == [(1, 2), (4, 4), (5, 5), (6, 6)]


# --------------------------------------------------------------------------- scoring


def test_exact_match_strips_punctuation_and_uses_each_gold_once():
    text = '“We will win,” she said.'
    gold = [(0, 15), (0, 15)]
    assert strip_span(text, (0, 15)) == (1, 12)
    assert match_stripped(text, gold, [(1, 12)]) == 1


def test_attribution_needs_cue_and_content_overlap_one_to_one():
    gold = [{"cue": (10, 14), "content": (20, 30), "source": None}]
    assert match_attributions(gold, [{"cue": (10, 14), "content": (0, 5), "source": None}]) == set()
    both = {"cue": (11, 13), "content": (25, 28), "source": None}
    assert match_attributions(gold, [both, dict(both)]) == {0}


def test_direct_and_indirect_and_null_sources():
    text = 'He said "no." She said that it rained.'
    assert is_direct(text, (8, 13)) and not is_direct(text, (23, 37))
    scores = PolnearScores()
    gold = [{"cue": (3, 7), "content": (8, 13), "source": (0, 2)},
            {"cue": (18, 22), "content": (23, 37), "source": None}]
    predicted = [{"cue": (3, 7), "content": (9, 11), "source": None},
                 {"cue": (18, 22), "content": (28, 37), "source": (14, 17)}]
    score_article(text, gold, predicted, scores)
    assert (scores.exact["source"].gold, scores.exact["source"].predicted) == (1, 1)
    assert scores.exact["source"].matched == 0
    assert scores.exact["content"].matched == 1  # "no" inside its quote marks
    assert scores.direct.matched == 1 and scores.indirect.matched == 1


# --------------------------------------------------------------------------- in the pipeline


def test_quote_type_looks_past_stripped_marks():
    text = '“We will win,” she said. She said it “could rain” later.'
    assert quote_type(text, (1, 12)) == "direct"
    assert quote_type(text, (35, 54)) == "mixed"
    assert quote_type(text, (25, 28)) == "indirect"


class _A:
    def __init__(self, cue, source, via="verb", content=(0, 0), parent=None):
        self.cue, self.source, self.via = cue, source, via
        self.source_head, self.region = None, cue
        self.content, self.parent, self.quote = content, parent, "indirect"


def test_merge_keeps_rule_claims_on_cues_the_model_missed_and_fills_null_sources():
    learned = [_A((10, 14), None)]
    rules = [_A((10, 14), (0, 8)), _A((40, 44), (30, 38))]
    merged = merge(learned, rules, " " * 50)
    assert [a.cue for a in merged] == [(10, 14), (40, 44)]
    assert merged[0].source == (0, 8)


def test_merge_gives_citing_chains_to_the_rules_and_reparents_them():
    text = "Radio 9 reported, citing two aides, that the talks would resume."
    #       0         1         2         3         4         5         6
    rule_report = _A((8, 16), (0, 7), content=(37, 64))
    rule_citing = _A((18, 24), (25, 34), via="citing", content=(37, 64), parent=rule_report)
    learned_report = _A((8, 16), (0, 7), via="learned", content=(18, 64))
    learned_junk = _A((18, 24), (0, 5), via="learned", content=(25, 34))  # "citing" -> "two aides"
    merged = merge([learned_report, learned_junk], [rule_report, rule_citing], text)
    assert learned_junk not in merged and rule_report not in merged
    assert rule_citing in merged and rule_citing.parent is learned_report
    # the citing phrase is the relay's source, not part of what was reported
    assert text[slice(*learned_report.content)] == "that the talks would resume."
    assert rule_citing.content == learned_report.content


def test_pipeline_claims_keep_offsets_and_mark_negation():
    text = ("The finance minister did not say that taxes would rise. "
            "“The plan is sound,” the minister said, “and it will pass.”")
    record = Pipeline(["sentences", "entities", "claims"])(Article(text=text, id="neg"))
    assert record.claims
    for claim in record.claims:
        for span in (claim.cue, claim.content) + ((claim.source,) if claim.source else ()):
            assert text[span.start:span.end] == span.text
    negated = [c for c in record.claims if c.negated]
    assert [c.cue.text for c in negated] == ["did not say"]
    quoted = [c for c in record.claims if "sound" in c.content.text]
    assert len(quoted) == 1 and "pass" in quoted[0].content.text  # one claim for the interrupted quote


def test_a_source_never_crosses_a_line_break():
    from crosswire.extract.claims_learned import within_line
    text = "Roads and rails\nAnalysts say the plan will fail."
    analysts = text.index("Analysts")
    say = text.index("say")
    assert text[slice(*within_line(text, (0, analysts + 8), (say, say + 3)))] == "Analysts"
    assert within_line(text, (analysts, analysts + 8), (say, say + 3)) == (analysts, analysts + 8)
    assert within_line(text, None, (say, say + 3)) is None
