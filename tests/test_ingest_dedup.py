"""Duplicate detection (exact, near, re-seeding from stored signatures) and wire credits."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from crosswire.ingest.dedup import Deduplicator, Verdict, exact_key, signature, wire_credit

STORY = """MARLOW BAY - The regional water board ordered a hosepipe ban across three districts on Monday after the driest spring in forty years left reservoirs at less than half their usual level.

The ban, which takes effect at midnight on Wednesday, forbids watering gardens and washing cars with a hose. Farms and hospitals are exempt. Households that break the rules could be fined, although the board said it would first send warning letters.

"We have asked people to save water for weeks, and many have, but the reservoirs keep falling," the board's chairwoman, Delia Marsh, told a press conference in Marlow Bay. She said engineers were also repairing leaks in the old pipe network, which loses about a fifth of the water it carries.

Opposition councillors criticised the board for acting too late and called for a public inquiry into years of underinvestment. The board said rainfall forecast for next week would not be enough to lift the ban before the end of the summer."""

# The same wire story as another outlet runs it: its own dateline style and one word changed.
LIGHTLY_EDITED = STORY.replace("MARLOW BAY - ", "Marlow Bay (Coast News) — ").replace(
    "Opposition councillors", "Local councillors")

# A rewrite: the same facts but several sentences reworded; related, yet not a copy.
REWORDED = STORY.replace("MARLOW BAY - ", "").replace(
    "although the board said it would first send warning letters", "but warning letters come first").replace(
    "Opposition councillors criticised the board for acting too late", "The board was accused of acting late").replace(
    "which loses about a fifth of the water it carries", "where a fifth of all water leaks away")

# A different story that quotes the same second paragraph word for word.
SHARES_A_PARAGRAPH = """The national farmers' union said on Tuesday that the hosepipe ban announced by the regional water board would not hurt its members this season, but warned that a second dry year could ruin the autumn planting.

The ban, which takes effect at midnight on Wednesday, forbids watering gardens and washing cars with a hose. Farms and hospitals are exempt. Households that break the rules could be fined, although the board said it would first send warning letters.

Union leaders want the government to fund new storage ponds on farmland and to speed up permits for boreholes. A spokesman said talks with the environment ministry were planned for later this month, and that growers in the east of the country were already switching to crops that need less water."""


def test_exact_duplicate_ignores_case_and_whitespace():
    dedup = Deduplicator()
    dedup.add("a1", STORY)
    shouting = "  " + STORY.upper().replace("\n\n", "\n \n") + "\n"
    verdict = dedup.check(shouting)
    assert verdict == Verdict("exact", "a1", 1.0, 1.0)
    assert exact_key(STORY) == exact_key(shouting)


def test_near_duplicate_of_a_lightly_edited_copy():
    dedup = Deduplicator()
    dedup.add("a1", STORY)
    dedup.add("other", SHARES_A_PARAGRAPH)
    verdict = dedup.check(LIGHTLY_EDITED)
    assert verdict.kind == "near" and verdict.of == "a1"
    assert 0.8 <= verdict.similarity < 1.0


def test_a_reworded_version_is_below_the_threshold():
    dedup = Deduplicator()
    dedup.add("a1", STORY)
    verdict = dedup.check(REWORDED)
    assert verdict.kind is None and 0.5 < verdict.similarity < 0.8


def test_sharing_one_paragraph_is_not_a_duplicate():
    dedup = Deduplicator()
    dedup.add("a1", STORY)
    verdict = dedup.check(SHARES_A_PARAGRAPH)
    assert verdict.kind is None and verdict.of is None
    assert not verdict
    assert verdict.similarity < 0.5


def test_empty_index_and_empty_text_find_nothing():
    assert Deduplicator().check(STORY).kind is None
    dedup = Deduplicator()
    dedup.add("a1", STORY)
    assert dedup.check("   ").kind is None


def test_adding_the_same_id_twice_is_a_no_op():
    dedup = Deduplicator()
    dedup.add("a1", STORY)
    dedup.add("a1", SHARES_A_PARAGRAPH)
    assert len(dedup) == 1 and "a1" in dedup
    assert dedup.check(STORY).of == "a1"


def test_signature_is_json_storable_and_reseeds_a_new_deduplicator():
    stored = json.loads(json.dumps(signature(STORY)))
    assert len(stored) == 129 and all(isinstance(v, int) for v in stored)  # 128 MinHash values + size
    fresh = Deduplicator()
    fresh.add_signature("a1", stored, exact_key(STORY))
    assert fresh.check(STORY).kind == "exact"
    assert fresh.check(LIGHTLY_EDITED) == indexed(STORY).check(LIGHTLY_EDITED)


def test_a_copy_with_its_end_trimmed_is_near_by_containment():
    dedup = indexed(STORY)
    trimmed = STORY.rsplit("\n\n", 1)[0]  # an outlet dropping the last paragraph
    verdict = dedup.check(trimmed)
    assert verdict.kind == "near" and verdict.of == "a1"
    assert verdict.similarity < 0.8 <= 0.9 <= verdict.containment


def test_a_bare_minhash_signature_is_accepted_without_containment():
    fresh = Deduplicator()
    fresh.add_signature("a1", signature(STORY)[:128])
    assert fresh.check(LIGHTLY_EDITED).of == "a1"
    assert fresh.check(STORY.rsplit("\n\n", 1)[0]).containment == 0.0


def test_a_signature_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="signature"):
        Deduplicator().add_signature("x", [1, 2, 3])


def test_reseeded_without_exact_key_still_finds_the_copy_as_near():
    fresh = Deduplicator()
    fresh.add_signature("a1", signature(STORY))
    verdict = fresh.check(STORY)
    assert verdict.kind == "near" and verdict.of == "a1" and verdict.similarity == 1.0


def test_signature_is_the_same_in_another_process():
    code = ("import json, sys; from crosswire.ingest.dedup import signature; "
            "print(json.dumps(signature(sys.stdin.read())))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run([sys.executable, "-c", code], input=STORY, capture_output=True,
                         text=True, env=env, check=True).stdout
    assert json.loads(out) == signature(STORY)


def indexed(text: str) -> Deduplicator:
    dedup = Deduplicator()
    dedup.add("a1", text)
    return dedup


@pytest.mark.parametrize("text, agency", [
    ("HARLOW, England (AP) — Council workers began clearing the canal on Monday.", "AP"),
    ("OSLO, June 4 (Reuters) - Norway's central bank held rates steady.", "Reuters"),
    ("LYON — AFP — Thousands marched through the city centre on Saturday.", "AFP"),
    ("By The Associated Press\nVoters in the valley go to the polls on Sunday.", "AP"),
    ("Voters go to the polls on Sunday.\n\nThis story was reported by The Associated Press.", "AP"),
    ("The talks ended without a deal.\n\nSome information for this report came from Reuters and AFP.",
     "Reuters"),
    ("The talks ended without a deal. Agence France-Presse contributed to this report.", "AFP"),
])
def test_wire_credit_found(text, agency):
    assert wire_credit(text) == agency


@pytest.mark.parametrize("text", [
    "The town council met on Monday to discuss the map (pdf) of new bus routes.",
    "A reporter asked whether the AP style guide had changed.",  # not a credit position
    "The talks ended. \"We will try again,\" the chancellor said, as reported by Reuters.",
    "The envoy told the Reuters news agency that talks would resume. AFP said the same.",
    "Reuters is a news agency; this sentence mentions it but credits nobody." + " filler" * 80,
])
def test_wire_credit_absent(text):
    assert wire_credit(text) is None
