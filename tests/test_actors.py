"""Actor coding: dictionaries with validity dates, roles kept along person chains."""
from pathlib import Path

import pytest

from crosswire.extract.actor_dictionary import ActorIndex, builtin_entries, load_actor_dictionary
from crosswire.extract.actors import make_code, role_sector


def entity(record, text):
    return next(e for e in record.entities if e.text == text)


def test_yaml_dictionary_with_validity(tmp_path: Path):
    path = tmp_path / "actors.yaml"
    path.write_text(
        "- {name: Anna Kowal, aliases: [Kowal], code: POLGOV, role: Foreign Minister,\n"
        "   valid_from: 2023-01-01, valid_to: 2024-06-01}\n", encoding="utf-8")
    entries = load_actor_dictionary(path)
    assert entries[0].country == "POL" and entries[0].sector == "GOV"
    index = ActorIndex([], entries)
    assert index.find("Kowal", "2023-05-02").role == "Foreign Minister"
    assert index.find("Kowal", "2024-07-01") is None  # no longer in office


def test_csv_dictionary_overrides_builtin(tmp_path: Path):
    path = tmp_path / "actors.csv"
    path.write_text("name,aliases,code,country,sector,role,valid_from,valid_to\n"
                    "Hezbollah,Hizbullah,LBNPTY,LBN,PTY,,,\n", encoding="utf-8")
    index = ActorIndex(builtin_entries(), load_actor_dictionary(path))
    assert index.find("Hezbollah", "2024-01-01").code == "LBNPTY"
    assert index.find("Hizbullah", "2024-01-01").code == "LBNPTY"


def test_bad_dictionary_suffix(tmp_path: Path):
    path = tmp_path / "actors.txt"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(ValueError):
        load_actor_dictionary(path)


def test_office_holders_depend_on_publication_date():
    index = ActorIndex(builtin_entries())
    assert index.find("Biden", "2024-03-01").code == "USAGOV"
    assert index.find("Biden", "2025-06-01") is None


def test_role_sectors_and_codes():
    assert role_sector("parliament speaker") == "LEG"
    assert role_sector("militants") == "REB"
    assert role_sector("air force") == "MIL"
    assert make_code("ISR", "GOV") == "ISRGOV"
    assert make_code(None, "GOV") is None


def test_title_gives_role_and_country(extract_text):
    rec = extract_text("Estonian Defense Minister Karl Tamm arrived in Riga on Monday.")
    actor = entity(rec, "Karl Tamm").actor
    assert actor.code == "ESTGOV" and "Defense Minister" in actor.role


def test_apposition_with_possessor_gives_country(extract_text):
    rec = extract_text("Oren Sadeh, Israel's minister of tourism, opened the fair.")
    assert entity(rec, "Oren Sadeh").actor.country == "ISR"


def test_role_kept_under_surname(extract_text, pipeline):
    rec = extract_text("Chilean Interior Minister Pablo Rojas visited the port. "
                       "Rojas later met union leaders.")
    mentions = [e for e in rec.entities if e.text in ("Pablo Rojas", "Rojas")]
    assert len(mentions) == 2
    assert all(e.actor and e.actor.code == "CHLGOV" for e in mentions)


def test_person_chains_are_shared(pipeline):
    from crosswire.extract.pipeline import Context
    from crosswire.model import Article, Record
    text = "Kenyan Trade Minister Jane Otieno spoke in Nairobi. Otieno said exports grew."
    doc = pipeline.nlp.parse(text)
    ctx = Context(article=Article(text=text), doc=doc, record=Record(id="x", text=text))
    for name, step in pipeline.steps[:2]:
        step(ctx)
    persons = ctx.shared["persons"]
    chain = next(p for p in persons if p["surname"] == "Otieno")
    assert len(chain["mentions"]) == 2 and chain["actor"].country == "KEN"


def test_hezbollah_is_an_organisation(extract_text):
    rec = extract_text("Hezbollah fired rockets overnight.")
    assert entity(rec, "Hezbollah").actor.country == "LBN"
    assert entity(rec, "Hezbollah").label == "ORG"


def test_institution_takes_possessor_country(extract_text):
    rec = extract_text("Russia's Ministry of Foreign Affairs did not respond.")
    actor = entity(rec, "Ministry of Foreign Affairs").actor
    assert actor.code == "RUSGOV"


def test_user_dictionary_through_pipeline_config(tmp_path: Path):
    from crosswire.extract import Pipeline
    from crosswire.model import Article
    path = tmp_path / "mine.yaml"
    path.write_text("- {name: Lina Haddad, aliases: [Haddad], code: JORGOV, role: Planning Minister,\n"
                    "   valid_from: 2024-01-01}\n", encoding="utf-8")
    pipeline = Pipeline(config={"entities": {"actor_dictionary": str(path)}})
    rec = pipeline(Article(text="Lina Haddad met bankers. Haddad visited Egypt on Monday.",
                           published="2024-05-01"))
    assert {e.actor.code for e in rec.entities if e.text in ("Lina Haddad", "Haddad")} == {"JORGOV"}
    visit = next(v for v in rec.events if v.cameo == "042")
    assert visit.source.actor.code == "JORGOV" and visit.target.actor.country == "EGY"
    old = pipeline(Article(text="Lina Haddad met bankers.", published="2023-05-01"))
    assert entity(old, "Lina Haddad").actor is None  # not yet in office then


def test_the_minister_resolves_to_the_person(extract_text):
    rec = extract_text("Norwegian Fisheries Minister Ola Berg visited Iceland. "
                       "The minister later criticized Denmark.")
    v = next(v for v in rec.events if v.cameo.startswith("11"))
    assert v.source.actor.code == "NORGOV" and v.source.actor.role and "Minister" in v.source.actor.role


def test_pronoun_resolves_to_last_person(extract_text):
    rec = extract_text("Estonian Prime Minister Kadri Saar spoke on Monday. She criticized Russia.")
    v = next(v for v in rec.events if v.cameo.startswith("11"))
    # Shown as the person it points to, never as a bare pronoun.
    assert v.source.actor.code == "ESTGOV" and v.source.text == "Kadri Saar"


def test_malformed_dictionary_is_a_value_error(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError):
        load_actor_dictionary(path)
    path.write_text("just a string", encoding="utf-8")
    with pytest.raises(ValueError):
        load_actor_dictionary(path)


def test_user_organisation_found_where_spacy_misses_it(tmp_path: Path):
    from crosswire.extract import Pipeline
    from crosswire.model import Article
    path = tmp_path / "orgs.csv"
    path.write_text("name,aliases,code,country,sector,role,valid_from,valid_to\n"
                    "Black Lantern brigade,,ETHREB,ETH,REB,,,\n", encoding="utf-8")
    pipeline = Pipeline(config={"entities": {"actor_dictionary": str(path)}})
    rec = pipeline(Article(text="The Black Lantern brigade attacked an army post.", published="2024-05-01"))
    assert any(e.actor and e.actor.code == "ETHREB" for e in rec.entities)


def test_health_ministry_of_the_country_named_before(extract_text):
    rec = extract_text("Floods hit Malawi. Dozens died, according to the country's Health Ministry.")
    assert entity(rec, "Health Ministry").actor.code == "MWIGOV"
