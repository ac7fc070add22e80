"""End to end on the shared seed articles (skipped when ../shared/corpus is absent):
one story, the visit to Russia merged from both, the conflict over Russia's role."""
from __future__ import annotations

import pytest

from crosswire.link import views

pytestmark = pytest.mark.corpus


def test_both_seed_articles_are_one_story(seeds_db):
    [story] = views.stories(seeds_db)
    assert len(story["articles"]) == 2


def test_the_visit_to_russia_is_merged_with_two_sources(seeds_db):
    def is_visit(e):
        return ((e.get("source") or {}).get("actor") or {}).get("country") == "ISR" \
            and ((e.get("target") or {}).get("actor") or {}).get("country") == "RUS" \
            and e["plover"]["type"] == "CONSULT"
    visits = [e for e in views.events(seeds_db) if is_visit(e)]
    assert any(e["num_articles"] == 2 and e["num_sources"] >= 2 for e in visits)


def test_the_conflict_over_russias_role_is_found(seeds_db):
    found = [c for c in views.conflicts(seeds_db) if c["kind"] == "polarity"]
    russia = [c for c in found if c["topic"] in ("Russia", "Moscow")]
    assert russia
    assert any("would not be involved" in c["sides"][1]["text"]
               and "Moscow" in c["sides"][0]["text"] for c in russia)
    assert all(c["between"][0] != c["between"][1] for c in russia)


def test_channel_13_and_the_sources_it_cites_do_not_corroborate_each_other(seeds_db):
    """Seed 000: "Channel 13 also reported, citing 'sources familiar with the details of
    the negotiations'" is one origin, not two that back each other."""
    claims = {(c["article_id"], c["source_text"]): c["status"]
              for c in views.claim_statuses(seeds_db)}
    seed = "000_71fbc38e340e2622"
    assert claims[(seed, "Channel 13")] == "single_source"
    assert claims[(seed, "sources familiar with the details of the negotiations")] \
        == "single_source"
    backing = {c["source_text"]: c["corroborated_by"] for c in views.claim_statuses(seeds_db)
               if c["article_id"] == seed}
    assert backing["Channel 13"] == ["Channel 13"]


def test_the_visit_is_corroborated_by_two_named_independent_origins(seeds_db):
    visits = [e for e in views.events(seeds_db) if e["num_articles"] == 2
              and (e.get("trigger") or {}).get("text") == "visit"]
    assert any(len(e["independent_sources"]) == 2 and e["status"] == "corroborated"
               and e["independent_sources"][0]["label"] == "Army Radio" for e in visits)
