"""``crosswire eval events`` on the blind set's form: ``ref`` lines into a
corpus (a corpus written here, in our own words), PLOVER-only measures."""
from __future__ import annotations

import json

from crosswire.eval import events as scorer

CORPUS = [
    {"id": "a1", "text": "Opening words. Peru's foreign minister visited Quito on Friday. Closing words."},
]


def _layout(tmp_path, lines):
    corpus = tmp_path / "shared" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "tiny.jsonl").write_text("\n".join(json.dumps(a) for a in CORPUS) + "\n", encoding="utf-8")
    gold = tmp_path / "repo" / "gold" / "blind.jsonl"
    gold.parent.mkdir(parents=True)
    gold.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return gold


def test_ref_lines_read_their_text_from_the_corpus(tmp_path):
    start = CORPUS[0]["text"].index("Peru")
    end = CORPUS[0]["text"].index("Closing") - 1
    gold = _layout(tmp_path, [
        {"id": "b1", "ref": {"corpus": "tiny.jsonl", "article": "a1", "start": start, "end": end},
         "published": "2024-11-14", "events": []},
        {"id": "b2", "ref": {"corpus": "missing.jsonl", "article": "x", "start": 0, "end": 5}, "events": []},
    ])
    items, skipped = scorer.read_gold_resolved(gold)
    assert [i["text"] for i in items] == ["Peru's foreign minister visited Quito on Friday."]
    assert skipped == 1


def test_blind_measures_and_per_type_table(tmp_path):
    gold = _layout(tmp_path, [
        {"id": "b1", "text": "Peru's foreign minister visited Quito on Friday.", "published": "2024-11-14",
         "events": [{"plover": "CONSULT", "cameo": "042", "cameo_root": "04", "source": "PERGOV",
                     "target": "ECU", "trigger": "visited", "modality": "asserted"}]},
        # A trigger word of the annotator's own that crosswire does not use: aligned within the sentence.
        {"id": "b2", "text": "Chile's president made a surprise visit to Bolivia.", "published": "2024-11-14",
         "events": [{"plover": "CONSULT", "cameo": "042", "cameo_root": "04", "source": "CHLGOV",
                     "target": "BOL", "trigger": "made a surprise", "modality": "asserted"}]},
        {"id": "b3", "text": "Ecuador will sign a free trade agreement with China.", "published": "2024-11-14",
         "events": [{"plover": "ASSAULT", "cameo": "190", "cameo_root": "19", "source": "ECU",
                     "target": "CHN", "trigger": "sign", "modality": "asserted"}]},
        {"id": "b4", "text": "The weather was mild in Lima.", "published": "2024-11-14", "events": []},
    ])
    scores = scorer.score(gold)
    figures = scores.blind_figures()
    assert scores.by_sentence and scores.sentences == 4 and scores.gold == 3
    assert figures["PLOVER type accuracy"] == 2 / 3
    assert figures["type+source+target (all right)"] == 2 / 3
    assert figures["aligned by sentence, not trigger"] == 1 / 3
    assert scores.per_type["CONSULT"].plover == 2 and scores.per_type["ASSAULT"].plover == 0
    assert any(line.split()[0] == "CONSULT" for line in scores.type_table()[1:])
