"""Independence of origins: citations, an outlet's own unnamed sources, wire copies
and repeated sources never corroborate each other (issue #14, item 1)."""
from __future__ import annotations

from crosswire.link import views
from crosswire.link.origins import ArticleInfo, claim_origin, independent, independent_groups
from test_link_support import linked_db, make_claim, make_event, make_record, visit_pair

NESTED = ("Radio Ost also reported, citing sources close to the talks, that the border "
          "truce plan is moving forward.")


def nested_record(rid="n1", outlet="Herald"):
    """Radio Ost reports something, citing unnamed sources: two claims, one cited by the other."""
    content = "that the border truce plan is moving forward"
    claims = [make_claim(NESTED, "c1", "Radio Ost", "also reported", content, kind="outlet"),
              make_claim(NESTED, "c2", "sources close to the talks", "citing", content,
                         kind="anonymous", cited_by="c1")]
    return make_record(rid, NESTED, "2024-11-10", outlet, "Truce plan moves forward",
                       claims=claims)


def other_outlet_record():
    text = "The border truce plan is moving forward, a Moravian minister said on Monday."
    claims = [make_claim(text, "c1", "a Moravian minister", "said",
                         "The border truce plan is moving forward", kind="anonymous")]
    return make_record("g1", text, "2024-11-11", "Gazette", "Truce plan moves forward",
                       claims=claims)


def statuses(db):
    return {(c["article_id"], c["id"]): c["status"] for c in views.claim_statuses(db)}


def test_a_claim_and_the_claim_it_cites_do_not_corroborate_each_other():
    db = linked_db([nested_record()])
    assert statuses(db) == {("n1", "c1"): "single_source", ("n1", "c2"): "single_source"}
    assert [c["corroborated_by"] for c in views.claim_statuses(db)] == [
        ["Radio Ost"], ["sources close to the talks (Radio Ost)"]]


def test_an_independent_outlet_saying_the_same_corroborates_both():
    db = linked_db([nested_record(), other_outlet_record()])
    assert set(statuses(db).values()) == {"corroborated"}
    # Each claim says which independent origins are behind it, its own first; the
    # cited sources are not a second origin next to Radio Ost.
    backing = {(c["article_id"], c["id"]): c["corroborated_by"] for c in views.claim_statuses(db)}
    assert backing[("n1", "c1")] == ["Radio Ost", "a Moravian minister (Gazette)"]
    assert backing[("n1", "c2")] == ["sources close to the talks (Radio Ost)",
                                     "a Moravian minister (Gazette)"]


def test_cited_sources_depend_on_whoever_cites_them():
    record = nested_record()
    infos = {"n1": ArticleInfo("n1", "Herald", None, NESTED)}
    outer, inner = (claim_origin(c, record, infos) for c in record["claims"])
    assert not independent(outer, inner)
    # A person named inside Radio Ost's report is Radio Ost's report, too.
    record["claims"][1]["source"]["kind"] = "person"
    named = claim_origin(record["claims"][1], record, infos)
    assert named.kind == "named" and not independent(outer, named)
    # The same person quoted directly by the publisher is independent of Radio Ost.
    record["claims"][1]["cited_by"] = None
    assert independent(outer, claim_origin(record["claims"][1], record, infos))


def test_an_article_by_an_outlet_and_a_citation_of_it_are_one_origin():
    first, second = visit_pair(second_claim=False)  # a1 cites Radio Ost; a2 has no claim
    second["outlet"] = "Radio Ost"
    db = linked_db([first, second])
    [event] = [e for e in views.events(db) if e["plover"]["type"] == "CONSULT"]
    assert event["num_articles"] == 2 and event["num_sources"] == 1
    assert event["status"] == "single_source"
    [group] = event["independent_sources"]
    assert group["label"] == "Radio Ost" and group["also"] == ["Radio Ost"]


def test_an_outlet_and_its_unnamed_officials_are_one_independent_source():
    text = ("Minister Dana Hollis visited Moravia on Monday. Hollis met the Moravian "
            "premier, two officials said.")
    claims = [make_claim(text, "c1", "two officials", "said", "Hollis met the Moravian premier",
                         kind="anonymous")]
    events = [make_event(text, "v1", "visited", source=("Dana Hollis", "ISR"),
                         target=("Moravia", "RUS")),
              make_event(text, "v2", "met", source=("Hollis", "ISR"),
                         target=("Moravian premier", "RUS"), claim="c1")]
    db = linked_db([make_record("h1", text, "2024-11-12", "Herald", "Hollis in Moravia",
                                events=events, claims=claims)])
    [event] = views.events(db)
    assert event["num_mentions"] == 2 and event["num_sources"] == 1
    assert event["status"] == "single_source"
    assert event["independent_sources"] == [
        {"label": "Herald", "kind": "outlet", "also": ["two officials (Herald)"]}]


def test_two_independent_origins_are_named_on_the_event():
    db = linked_db(visit_pair())
    [event] = [e for e in views.events(db) if e["plover"]["type"] == "CONSULT"]
    assert event["status"] == "corroborated"
    assert [s["label"] for s in event["independent_sources"]] == [
        "Radio Ost", "two officials (Gazette)"]


def test_groups_join_through_a_common_relay():
    record = nested_record()
    infos = {"n1": ArticleInfo("n1", "Herald", None, NESTED)}
    outer, inner = (claim_origin(c, record, infos) for c in record["claims"])
    other = claim_origin(other_outlet_record()["claims"][0], other_outlet_record(),
                         {"g1": ArticleInfo("g1", "Gazette", None, "")})
    groups = independent_groups([inner, other, outer, inner])
    assert [[o.label for o in g] for g in groups] == [
        ["sources close to the talks (Radio Ost)", "Radio Ost"],
        ["a Moravian minister (Gazette)"]]


def test_no_comment_replies_do_not_corroborate_each_other():
    """Seed 004 after the learned model: "declined to comment" and "did not reply to a
    request for comment" from independent people shared the word "comment", and each
    was marked corroborated. A handful of words is not a content to compare."""
    first = ("The ministry declined to comment on the border truce plan talks. "
             "The truce plan is moving forward, the ministry's rivals said.")
    second = "A spokesman for the rebels did not reply to a request for comment."
    records = [
        make_record("d1", first, "2024-11-10", "Herald", "Truce plan talks", claims=[
            make_claim(first, "c1", "The ministry", "declined", "to comment", kind="organization")]),
        make_record("d2", second, "2024-11-11", "Gazette", "Truce plan talks", claims=[
            make_claim(second, "c1", "A spokesman for the rebels", "did not reply",
                       "to a request for comment", kind="person")])]
    db = linked_db(records)
    assert set(statuses(db).values()) == {"single_source"}
