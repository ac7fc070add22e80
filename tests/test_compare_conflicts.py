"""Conflicts (polarity, figures, denials, dates), statuses and timelines."""
from __future__ import annotations

from crosswire.compare.polarity import negated_after
from crosswire.compare.timeline import timeline
from crosswire.link import views
from crosswire.model import check_record
from test_link_support import linked_db, make_claim, make_quantity, make_record, span, visit_pair

ROLE_TEXT = ("The truce plan for the northern border is taking shape. According to a Veltan "
             "official, the plan asks Russia to stop arms reaching the border militia. "
             "The Corvan official said Russia would not be involved in policing the truce.")


def role_record(second_source="The Corvan official"):
    text = ROLE_TEXT.replace("The Corvan official", second_source)
    claims = [
        make_claim(text, "c1", "a Veltan official", "According to",
                   "the plan asks Russia to stop arms reaching the border militia",
                   kind="anonymous"),
        make_claim(text, "c2", second_source, "said",
                   "Russia would not be involved in policing the truce", kind="anonymous")]
    return make_record("r1", text, "2024-11-14", "Gazette", "Truce plan for northern border",
                       claims=claims)


def test_opposite_claims_about_one_actor_from_different_sources_conflict():
    db = linked_db([role_record()])
    [conflict] = views.conflicts(db)
    assert conflict["kind"] == "polarity" and conflict["topic"] == "Russia"
    assert conflict["between"] == ["a Veltan official", "The Corvan official"]
    assert conflict["articles"] == ["r1"]
    assert "would not be involved" in conflict["sides"][1]["text"]
    statuses = {c["id"]: c["status"] for c in views.claim_statuses(db)}
    assert statuses == {"c1": "disputed", "c2": "disputed"}


def test_one_source_saying_both_is_not_a_conflict():
    assert views.conflicts(linked_db([role_record("a Veltan official")])) == []


def test_a_side_without_a_known_speaker_is_not_a_conflict():
    """VOA after the learned claims model: a quotation whose speaker was not found
    (source null) was set against a named minister. A conflict says who holds
    each side; with nobody to name, it is not shown."""
    record = role_record()
    record["claims"][1]["source"] = None
    assert not check_record(record)
    assert views.conflicts(linked_db([record])) == []


def test_negation_cues_need_to_follow_the_actor_in_its_clause():
    text = "Russia would not be involved"
    assert negated_after(text, len("Russia"))
    assert not negated_after("Russia will act. It is not clear when", len("Russia"))
    # "won't hesitate" affirms rather than denies.
    assert not negated_after("Trump won't hesitate to act", len("Trump"))


def figure_record(rid, outlet, published, value, approx="exact"):
    text = f"The storm in Norwick killed {value} people, the coast guard said."
    phrase = f"killed {value} people"
    return make_record(rid, text, published, outlet, "Storm kills people in Norwick",
                       quantities=[make_quantity(text, "q1", phrase, value, approx=approx)])


def test_different_figures_for_one_count_on_one_day_conflict():
    db = linked_db([figure_record("a", "Herald", "2025-01-05", 12),
                    figure_record("b", "Gazette", "2025-01-05", 30)])
    [conflict] = views.conflicts(db)
    assert conflict["kind"] == "figure" and conflict["topic"].startswith("killed")
    assert {s["value"] for s in conflict["sides"]} == {12, 30}


def test_figures_that_can_both_hold_or_are_updates_do_not_conflict():
    assert views.conflicts(linked_db([figure_record("a", "Herald", "2025-01-05", 12),
                                      figure_record("b", "Gazette", "2025-01-05", 10, "more_than")
                                      ])) == []
    assert views.conflicts(linked_db([figure_record("a", "Herald", "2025-01-05", 12),
                                      figure_record("b", "Gazette", "2025-01-07", 30)])) == []


def test_an_asserted_event_denied_by_another_source_conflicts():
    first, second = visit_pair()
    second["events"][0]["modality"] = "negated"
    db = linked_db([first, second])
    [conflict] = views.conflicts(db)
    assert conflict["kind"] == "denial"
    assert {e["status"] for e in views.events(db)} == {"disputed"}


def test_one_event_dated_differently_by_two_sources_conflicts():
    first, second = visit_pair()
    first["events"][0]["date"] = {"value": "2024-11-03", "start": "2024-11-03",
                                  "end": "2024-11-03", "timex": "t1"}
    first["timexes"] = [{**span(first["text"], "last week"), "id": "t1", "type": "DATE",
                         "value": "2024-11-03"}]
    second["events"][0]["date"] = {"value": "2024-11-07", "start": "2024-11-07",
                                   "end": "2024-11-07", "timex": "t1"}
    second["timexes"] = [{**span(second["text"], "two officials"), "id": "t1", "type": "DATE",
                          "value": "2024-11-07"}]
    assert not check_record(first) and not check_record(second)
    db = linked_db([first, second])
    kinds = [c["kind"] for c in views.conflicts(db)]
    assert kinds == ["date"]


def test_statuses_of_claims_backed_by_two_origins():
    db = linked_db(visit_pair())
    statuses = {(c["article_id"], c["id"]): c["status"] for c in views.claim_statuses(db)}
    assert statuses == {("a1", "c1"): "corroborated", ("a2", "c1"): "corroborated"}


def test_single_source_claim():
    text = "The dam at Harrow will open in May, the water board said."
    record = make_record("h1", text, "2025-01-05", "Herald", "Harrow dam to open",
                         claims=[make_claim(text, "c1", "the water board", "said",
                                            "The dam at Harrow will open in May",
                                            kind="organization")])
    db = linked_db([record])
    assert [c["status"] for c in views.claim_statuses(db)] == ["single_source"]


def test_timeline_orders_by_date_and_puts_undated_last():
    events = [
        {"id": "m1", "date": None, "status": "single_source", "sources": []},
        {"id": "m2", "date": {"value": "2024-11-05", "start": "2024-11-05"}, "sources": []},
        {"id": "m3", "date": {"value": "PAST_REF", "start": "2024-10-01"}, "sources": []},
    ]
    rows = timeline(events)
    assert [r["event"] for r in rows] == ["m3", "m2", "m1"]
    assert rows[0]["when"] == "2024-10-01"


def test_subject_and_polarity_of_an_actor_in_a_claim():
    from crosswire.compare.polarity import agent_polarity
    assert agent_polarity("Moscow to prevent rearming", len("Moscow")) == "affirmed"
    assert agent_polarity("Russia has never sent troops", len("Russia")) == "negated"
    assert agent_polarity("Russian cooperation", len("Russian"), adjective=True) is None
    assert agent_polarity("Russia's role is small", len("Russia")) is None
    assert agent_polarity("Russia, a close ally, is not", len("Russia")) is None


def test_a_denied_actor_must_open_its_clause():
    from crosswire.compare.polarity import opens_clause
    text = "the court regrets the decision of Kenya not to take part, but Somalia would not"
    assert not opens_clause(text, text.index("Kenya"))
    assert opens_clause(text, text.index("Somalia"))
    assert opens_clause("Russia would not", 0)
    assert opens_clause("officials said that the Kremlin", len("officials said that the "))


def test_two_sources_in_one_article_giving_different_tolls_conflict():
    text = ("The ministry said 12 soldiers were killed in Norwick. "
            "The rebels said 30 soldiers died there.")
    claims = [make_claim(text, "c1", "The ministry", "said", "12 soldiers were killed in Norwick",
                         kind="organization"),
              make_claim(text, "c2", "The rebels", "said", "30 soldiers died there",
                         kind="organization")]
    quantities = [make_quantity(text, "q1", "12 soldiers", 12, claim="c1", unit="soldiers"),
                  make_quantity(text, "q2", "30 soldiers", 30, claim="c2", unit="soldiers")]
    record = make_record("w1", text, "2025-01-05", "Herald", "Clash in Norwick",
                         claims=claims, quantities=quantities)
    [conflict] = views.conflicts(linked_db([record]))
    assert conflict["kind"] == "figure" and "soldier" in conflict["topic"]
    # The writer's own two figures for different things are not a conflict.
    for q in quantities:
        q["claim"] = None
    assert views.conflicts(linked_db([record])) == []


def test_a_side_is_named_by_whom_its_pronoun_stands_for_not_by_a_guessed_description():
    from crosswire.compare.conflicts import side_name
    assert side_name({"source": "he", "resolved": "Charles Hecker"}) == "Charles Hecker"
    assert side_name({"source": "he", "resolved": None}) == "he"
    # "the official" resolved to an earlier "a senior official": the text is surer
    assert side_name({"source": "the Israeli official",
                      "resolved": "An Israeli military official"}) == "the Israeli official"
