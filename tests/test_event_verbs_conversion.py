"""scripts/convert_cameo_verbs.py on a small dictionary in PETRARCH's format
(written for this test), and the converted patterns at work in extraction."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location("convert_cameo_verbs", ROOT / "scripts" / "convert_cameo_verbs.py")
convert_cameo_verbs = importlib.util.module_from_spec(SPEC)
sys.modules[SPEC.name] = convert_cameo_verbs  # dataclasses look the module up
SPEC.loader.exec_module(convert_cameo_verbs)

EXCERPT = """\
# a made-up excerpt in the PETRARCH2 verb dictionary format

&BEVERAGE
+TEA
+COFFEE

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
SCOLD
UPBRAID {UPBRAIDS UPBRAIDED UPBRAIDING}
HUG [051]
+TELL_OFF {+TOLD_OFF +TELLS_OFF}
WIRE_+TAP
- * {HARSH WORDS}                              [112]     # SCOLD
- * &BEVERAGE                                  [---]     # SCOLD
- * DOWN RIOT                                  [175]     # UPBRAID
- * (OVER {BORDER INCIDENT})                   [114:115] # SCOLD
- * (AT +)                                     [:110]    # SCOLD
- POLICE * CROWD                               [175]     # SCOLD
- * (TO $)                                     [010]     # SCOLD

---  GREET   [---]  ---
GREET
- * VISITORS                                   [043]     # GREET

######## TRANSFORMATIONS ##########
~ a (a b SCOLD) SAY = a b 111
"""


@pytest.fixture()
def converted(tmp_path):
    source = tmp_path / "CAMEO.test.txt"
    source.write_text(EXCERPT, encoding="utf-8")
    rows, skipped = convert_cameo_verbs.convert(source)
    return rows, skipped


def _row(rows, **wanted):
    found = [r for r in rows if all(r[k] == v for k, v in wanted.items())]
    assert len(found) == 1, (wanted, found)
    return found[0]


def test_block_patterns_apply_to_every_simple_verb(converted):
    rows, _ = converted
    row = _row(rows, obj="words")
    assert row["verbs"] == "hug,scold,upbraid"  # not the multi-word ones
    assert (row["code"], row["obj_mod"]) == ("112", "harsh")


def test_synsets_particles_prepositions_subjects_and_codes(converted):
    rows, _ = converted
    assert _row(rows, obj="coffee|tea")["code"] == "---"  # null code kept: matches, codes nothing
    assert _row(rows, prt="down")["obj"] == "riot"
    assert _row(rows, prep_obj="over:incident")["code"] == "114"  # [a:b] keeps a
    at = _row(rows, prep="at")
    assert (at["code"], at["target"]) == ("110", "at")  # [:b] keeps b; (AT +) names the target
    assert _row(rows, subj="police")["obj"] == "crowd"


def test_isolated_codes_and_skips(converted):
    rows, skipped = converted
    isolated = {(r["verbs"], r["prt"], r["prep"]): r["code"] for r in rows if r["isolated"]}
    assert isolated[("scold", "", "")] == "111"  # the block's code
    assert isolated[("hug", "", "")] == "051"  # the verb's own code
    assert isolated[("tell", "off", "")] == "111"  # multi-word, led by the verb: a particle
    assert ("greet", "", "") not in isolated  # block code ---
    assert skipped["multi-word verb not led by the verb"] == 1  # WIRE_+TAP
    assert skipped["source after / target before the verb"] == 1  # (TO $)
    assert not any("say" in r["verbs"].split(",") for r in rows)  # transformations not converted


def test_shipped_table_is_large_and_loads():
    from crosswire.extract.events import tables
    converted = tables().converted
    assert sum(len(v) for v in converted.values()) > 15000
    assert any(p.get("obj") and "fire" in p["obj"] and p["code"].startswith("19") for p in converted["open"])
