"""Phoenix actor dictionaries (conversion, dated codes, precedence) and the
actor fixes of issue #14: whole organisation names, organisations named after
a country, pronouns and bare nouns, context countries, events without codes.

Every dictionary excerpt and sentence here is invented for the test."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from crosswire.extract.actor_dictionary import ActorEntry, ActorIndex, builtin_entries
from crosswire.extract.phoenix_actors import parse_codes, phoenix_country, split_code

ROOT = Path(__file__).resolve().parents[1]

# Invented records in the Phoenix format (dictionaries-format.rst): a country
# with synonyms, a person whose code changes over time (six- and eight-digit
# dates, "<", ">", a default), an institution, an armed group, and agents.
COUNTRIES = """\
# comment line
VALDORIA_  [VLD]
+VALDORIAN_
+REPUBLIC_OF_VALDORIA
+PORT_ESMER_
+ESMER_RIVER # a river

TOMAS_VREL_  # CountryInfo.txt
+TOMAS_
+PRESIDENT_TOMAS_VREL_
+VREL_
\t[VLDELI 850101-991231]
\t[VLDGOV 20000101-20091231]
\t[VLDOPP >20100101]
\t[VLDELI]
ANNA_KORIS_
\t[VLDGOV <051231]

VALDORIAN_ARMED_FORCES
+VAF
\t[VLDMIL]
"""
INTERNATIONAL = """\
LEAGUE_OF_NORTHERN_STATES_ [IGONOR]
+NORTHERN_LEAGUE_OF_STATES
"""
MILNONSTATE = """\
RED_DUNE_FRONT_ [IMGREDDUN] #  xx 01 Jan 13
+RDF_
"""
AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN

FERRY!PERSON! [~TRN]
TAX_COLLECTOR [~GOV]
SHEPHERD {SHEPHERDS_FOLK} [~AGR]
CLERGY {} [~REL]
RIGHTS_WATCHDOG [NGO~]
"""


def _converter():
    spec = importlib.util.spec_from_file_location("convert_phoenix_actors",
                                                  ROOT / "scripts" / "convert_phoenix_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("convert_phoenix_actors", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def converted(tmp_path: Path) -> Path:
    source = tmp_path / "src"
    source.mkdir()
    (source / "Phoenix.Countries.actors.txt").write_text(COUNTRIES, encoding="utf-8")
    (source / "Phoenix.International.actors.txt").write_text(INTERNATIONAL, encoding="utf-8")
    (source / "Phoenix.MilNonState.actors.txt").write_text(MILNONSTATE, encoding="utf-8")
    (source / "Phoenix.agents.txt").write_text(AGENTS, encoding="utf-8")
    out = tmp_path / "out"
    warnings = _converter().convert(source, out, demonyms=set())
    assert warnings == []
    return out


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]]


def test_conversion_of_countries(converted: Path):
    rows = {row[0]: (row[1], row[2]) for row in _rows(converted / "countries.tsv")}
    assert rows["VALDORIA"] == ("VLD", "name")
    assert rows["VALDORIAN"] == ("VLD", "adjective")
    assert rows["REPUBLIC OF VALDORIA"] == ("VLD", "name")
    assert rows["PORT ESMER"] == ("VLD", "place")
    assert rows["ESMER RIVER"] == ("VLD", "place")  # the comment is not part of the name


def test_conversion_of_dated_people_organisations_and_groups(converted: Path):
    rows = {row[1].split("|")[0]: row for row in _rows(converted / "actors.tsv")}
    vrel = rows["TOMAS VREL"]
    assert vrel[0] == "countries" and vrel[1] == "TOMAS VREL|TOMAS|PRESIDENT TOMAS VREL|VREL"
    # Two-digit years 85 and 99 are 19YY; ranges inclusive; the bare code is the default.
    assert vrel[2] == ("VLDELI@1985-01-01..1999-12-31 VLDGOV@2000-01-01..2009-12-31 "
                       "VLDOPP@2010-01-01.. VLDELI")
    assert rows["ANNA KORIS"][2] == "VLDGOV@..2005-12-31"  # "<051231": 05 is 2005
    assert rows["VALDORIAN ARMED FORCES"][2] == "VLDMIL"
    assert rows["LEAGUE OF NORTHERN STATES"] == ["international", "LEAGUE OF NORTHERN STATES|NORTHERN LEAGUE OF STATES",
                                                 "IGONOR"]
    assert rows["RED DUNE FRONT"] == ["milnonstate", "RED DUNE FRONT|RDF", "IMGREDDUN"]


def test_conversion_of_agents(converted: Path):
    rows = {row[0]: (row[1], row[2]) for row in _rows(converted / "agents.tsv")}
    assert rows["ferryman"] == ("TRN", "after") and rows["ferrywomen"] == ("TRN", "after")
    assert rows["tax collector"] == ("GOV", "after") and rows["tax collectors"] == ("GOV", "after")
    assert rows["shepherds folk"] == ("AGR", "after") and "shepherds" not in rows  # explicit plural only
    assert "clergy" in rows and "clergys" not in rows  # {} = no plural
    assert rows["rights watchdog"] == ("NGO", "before")


def test_conversion_is_deterministic(converted: Path, tmp_path: Path):
    again = tmp_path / "again"
    _converter().convert(converted.parent / "src", again, demonyms=set())
    for name in ("countries.tsv", "actors.tsv", "agents.tsv"):
        assert (again / name).read_bytes() == (converted / name).read_bytes()


def test_malformed_restriction_is_reported_not_fatal(tmp_path: Path):
    source = tmp_path / "src"
    source.mkdir()
    (source / "Phoenix.Countries.actors.txt").write_text(
        "KIRA_OSSEN_\n\t[VLDGOV 2004017-20061201]\n\t[VLDELI]\n", encoding="utf-8")
    warnings = _converter().convert(source, tmp_path / "out", demonyms=set())
    assert any("Phoenix.Countries.actors.txt:2" in w and "2004017" in w for w in warnings)
    assert _rows(tmp_path / "out" / "actors.tsv") == [["countries", "KIRA OSSEN", "VLDELI"]]


def _index_from(converted: Path, user=()) -> ActorIndex:
    entries = []
    for source, names, codes in _rows(converted / "actors.tsv"):
        entries += parse_codes(names.split("|"), codes)
    return ActorIndex(builtin_entries(), user, entries)


def test_person_code_changes_with_the_publication_date(converted: Path):
    index = _index_from(converted)
    assert index.find("Tomas Vrel", "1990-06-01").code == "VLDELI"
    assert index.find("Vrel", "2005-06-01").code == "VLDGOV"
    assert index.find("President Tomas Vrel", "2009-12-31").code == "VLDGOV"  # the last day is inclusive
    assert index.find("Tomas Vrel", "2010-01-01").code == "VLDOPP"
    # Before any range: the default code.
    assert index.find("Tomas Vrel", "1970-01-01").code == "VLDELI"
    assert index.find("Anna Koris", "2005-12-31").code == "VLDGOV"
    assert index.find("Anna Koris", "2006-01-01") is None  # no default: unknown after her term
    assert index.find("RDF", None).code == "IMGREDDUN" and index.find("RDF", None).sector == "REB"


def test_precedence_user_then_crosswire_then_phoenix(converted: Path):
    phoenix_putin = parse_codes(["VLADIMIR PUTIN", "PUTIN"], "RUSELI@1975-01-01..1999-08-09 RUSGOV@1999-12-31..")
    user = [ActorEntry(name="Putin", code="RUSMIL", country="RUS", sector="MIL", source="user",
                       valid_from="2024-01-01", valid_to="2024-02-01")]
    index = ActorIndex(builtin_entries(), user, phoenix_putin)
    assert index.find("Putin", "2024-01-15").source == "user"
    assert index.find("Putin", "2024-06-01").source == "crosswire"  # actor_people.yaml, from 2012
    old = index.find("Putin", "2005-06-01")
    assert old.source == "phoenix" and old.code == "RUSGOV"
    assert index.find("Putin", "1990-06-01").code == "RUSELI"


def test_split_code():
    assert split_code("RUSGOV") == ("RUS", "GOV")
    assert split_code("IGOUNO") == (None, "IGO")
    assert split_code("IMGMUSALQ") == (None, "REB")
    assert split_code("ELI") == (None, "ELI")


def test_shipped_phoenix_data_codes_a_former_leader(extract_text):
    """The shipped data: a leader coded by the Phoenix dates of his office."""
    text = "Hamid Karzai met the Pakistani ambassador in Kabul."
    now = next(e for e in extract_text(text, published="2010-03-01").entities if e.text == "Hamid Karzai")
    assert now.actor.code == "AFGGOV"
    before = next(e for e in extract_text(text, published="1998-03-01").entities if e.text == "Hamid Karzai")
    assert before.actor.code == "AFGELI"
    assert phoenix_country("Helmand", ("place",)) == "AFG"
    assert phoenix_country("helmand", ("place",)) is None  # lower-case words are never looked up


# ------------------------------------------------------------ issue 14 actors


def _entity(rec, text):
    return next(e for e in rec.entities if e.text == text)


def test_whole_party_name_before_its_words(extract_text):
    rec = extract_text("Sudan's National Congress Party rejected the army's proposal on Monday.")
    party = _entity(rec, "National Congress Party")
    assert party.actor.code == "SDNPTY" and party.actor.country == "SDN"
    assert not any(e.actor and e.actor.code == "USALEG" for e in rec.entities)
    # Without an owner the party is a party of no known country, still not the US legislature.
    bare = extract_text("The National Congress Party rejected the proposal.")
    assert _entity(bare, "National Congress Party").actor.sector == "PTY"
    assert _entity(bare, "National Congress Party").actor.code != "USALEG"


def test_media_service_named_after_a_country_is_not_the_country(extract_text):
    rec = extract_text("VOA's Russian Service interviewed the Ukrainian defense minister on Monday.")
    service = _entity(rec, "VOA's Russian Service")
    assert service.actor.sector == "MED" and service.actor.country is None
    assert not any(e.actor and e.actor.code == "RUS" for e in rec.entities)


def test_institute_named_after_a_country_is_not_the_country(extract_text):
    rec = extract_text("The Carnegie Russia Eurasia Center criticized the Kremlin in a report.")
    center = _entity(rec, "Carnegie Russia Eurasia Center")
    assert center.actor.country is None and center.actor.sector == "NGO"
    event = next(v for v in rec.events if v.cameo.startswith("11"))
    assert event.source.text == "Carnegie Russia Eurasia Center" and event.source.actor.code != "RUS"
    assert event.target.actor.code == "RUSGOV"


def test_country_named_first_still_owns_its_service(extract_text):
    rec = extract_text("The Russian Foreign Intelligence Service accused Britain of plotting unrest.")
    assert _entity(rec, "Russian Foreign Intelligence Service").actor.country == "RUS"


def test_pronouns_are_never_shown_as_actors(extract_text):
    rec = extract_text("Norwegian Defense Minister Eirik Lunde arrived in Oslo. "
                       "He later criticized Sweden, and his aides met Finnish officials.")
    assert rec.events
    shown = {ref.text.lower() for v in rec.events for ref in (v.source, v.target) if ref is not None}
    assert not shown & {"he", "his", "him", "she", "her", "they", "it"}
    criticism = next(v for v in rec.events if v.cameo.startswith("11"))
    assert criticism.source.text == "Eirik Lunde" and criticism.source.actor.code == "NORGOV"
    assert rec.text[criticism.source.start:criticism.source.end] == "Eirik Lunde"


def test_unresolved_pronoun_gives_no_actor(extract_text):
    rec = extract_text("They attacked a police post near the border.")
    assert all(v.source is None or v.source.text.lower() != "they" for v in rec.events)


def test_the_group_is_shown_as_the_group_it_points_to(extract_text):
    rec = extract_text("Al-Shabab claimed the bombing. The group also attacked a police station on Friday.")
    attack = next(v for v in rec.events if v.trigger.text == "attacked")
    assert attack.source.text == "Al-Shabab" and attack.source.actor.code == "SOMREB"


def test_bare_group_without_antecedent_is_not_an_actor(extract_text):
    rec = extract_text("The group attacked a police station on Friday.")
    assert all(v.source is None or v.source.text.lower() not in ("group", "the group") for v in rec.events)


# ---------------------------------------------------------- context countries


def test_country_from_in_x(extract_text):
    rec = extract_text("Police in Kenya arrested twelve protesters on Tuesday.")
    arrest = next(v for v in rec.events if v.cameo.startswith("17"))
    assert arrest.source.actor.code == "KENCOP"


def test_country_from_based_in_x(extract_text):
    rec = extract_text("Militants based in Somalia attacked a convoy on Monday.")
    attack = next(v for v in rec.events if v.trigger.text == "attacked")
    assert attack.source.actor.code == "SOMREB"


def test_country_from_where_the_clause_happens(extract_text):
    rec = extract_text("Gunmen attacked a village in Mali on Sunday.")
    attack = next(v for v in rec.events if v.trigger.text == "attacked")
    assert attack.source.actor.code == "MLIREB"


def test_country_from_nationality_adjective(extract_text):
    rec = extract_text("Nigerian police arrested four suspects on Friday.")
    arrest = next(v for v in rec.events if v.cameo.startswith("17"))
    assert arrest.source.actor.code == "NGACOP"


def test_country_from_the_dateline(extract_text):
    rec = extract_text("NAIROBI — Police arrested twelve protesters on Tuesday, witnesses said.")
    assert rec.dateline is not None
    arrest = next(v for v in rec.events if v.cameo.startswith("17"))
    assert arrest.source.actor.code == "KENCOP"


def test_own_country_beats_the_context(extract_text):
    rec = extract_text("NAIROBI — Ugandan police arrested twelve protesters on Tuesday.")
    arrest = next(v for v in rec.events if v.cameo.startswith("17"))
    assert arrest.source.actor.code == "UGACOP"


# ------------------------------------------------------------- never dropped


def test_event_with_a_weak_sector_source_is_kept(extract_text):
    rec = extract_text("Residents protested against the new water tax on Saturday.")
    protest = next(v for v in rec.events if v.cameo.startswith("14"))
    assert protest.source.actor.sector == "CVL" and protest.source.actor.country is None


def test_event_with_an_uncoded_named_actor_is_kept(extract_text):
    rec = extract_text("Zorvath Logistics accused Brazil of blocking its trucks.")
    accusation = next(v for v in rec.events if v.cameo.startswith("11"))
    assert accusation.source.text == "Zorvath Logistics" and accusation.source.actor.code is None
    assert accusation.target.actor.code == "BRA"


def test_no_event_when_nobody_acts(extract_text):
    assert extract_text("The storm killed two people in the north.").events == []


def test_phoenix_office_is_not_trusted_after_the_dictionaries_end(extract_text):
    """Phoenix stops in 2015: later, a person keeps the country, not the office."""
    rec = extract_text("Hamid Karzai met the Pakistani ambassador in Kabul.", published="2024-03-01")
    assert next(e for e in rec.entities if e.text == "Hamid Karzai").actor.code == "AFGELI"


def test_a_first_name_alone_is_not_a_phoenix_person(converted: Path):
    index = _index_from(converted)
    assert index.find("Tomas", "2005-06-01") is None  # a first name is nobody
    assert index.find("Vrel", "2005-06-01").code == "VLDGOV"  # the surname of "Tomas Vrel"


def test_name_trie_finds_whole_capitalised_names_longest_first():
    import spacy
    from crosswire.extract.phoenix_actors import NameTrie
    trie = NameTrie(["red dune front", "red dune front for the liberation of esmer", "northern league"])
    doc = spacy.blank("en")("The Red Dune Front for the Liberation of Esmer and the red dune front met; "
                            "Northern Leaguers left.")
    found = [doc.text[s:e] for s, e in trie.find(doc)]
    # The longest name wins, a lower-case mention is not a name, nor is a word's prefix.
    assert found == ["Red Dune Front for the Liberation of Esmer"]


def test_a_person_does_not_take_the_country_of_where_they_are(extract_text):
    rec = extract_text("Marta Lindqvist, a police spokeswoman, criticized Egypt during a visit in Kenya.")
    for v in rec.events:
        for ref in (v.source, v.target):
            if ref is not None and "Lindqvist" in ref.text:
                assert ref.actor.country != "KEN"


def test_a_former_office_holder_is_an_elite(extract_text):
    rec = extract_text("Former President Hamid Karzai met the Pakistani ambassador in Kabul.", published="2012-03-01")
    assert next(e for e in rec.entities if e.text == "Hamid Karzai").actor.code == "AFGELI"
