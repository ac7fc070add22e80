"""Countries: names, short forms, demonyms, capitals -> ISO3."""
import pytest

from crosswire.countries import any_country, capital_country, country_name, demonym_country, lookup_country


@pytest.mark.parametrize("text, iso3", [
    ("U.S.", "USA"), ("US", "USA"), ("America", "USA"), ("the United States", "USA"),
    ("Britain", "GBR"), ("UK", "GBR"), ("Russia", "RUS"), ("Russia's", "RUS"), ("Iran", "IRN"),
    ("Syria", "SYR"), ("South Korea", "KOR"), ("Gaza", "PSE"), ("Palestine", "PSE"),
    ("DRC", "COD"), ("Ivory Coast", "CIV"), ("Turkey", "TUR"), ("Türkiye", "TUR"), ("Kosovo", "XKX"),
])
def test_country_names_and_short_forms(text, iso3):
    assert lookup_country(text) == iso3


def test_pronoun_us_is_not_a_country():
    assert lookup_country("us") is None


@pytest.mark.parametrize("word, iso3", [
    ("Israeli", "ISR"), ("Lebanese", "LBN"), ("Russian", "RUS"), ("American", "USA"),
    ("Palestinian", "PSE"), ("Ukrainian", "UKR"), ("Hungarian", "HUN"), ("Romanian", "ROU"),
])
def test_demonyms(word, iso3):
    assert demonym_country(word) == iso3


@pytest.mark.parametrize("name, iso3", [
    ("Moscow", "RUS"), ("Washington", "USA"), ("Tehran", "IRN"), ("Kyiv", "UKR"), ("Beijing", "CHN"),
    ("Tokyo", "JPN"), ("Jerusalem", "ISR"), ("the White House", "USA"), ("Kremlin", "RUS"),
])
def test_capitals_and_seats(name, iso3):
    assert capital_country(name) == iso3


def test_unknown_words_are_not_countries():
    assert any_country("Tuesday") is None
    assert demonym_country("officials") is None


def test_country_name_prefers_common_short_names():
    assert country_name("RUS") == "Russia"
    assert country_name("FRA") == "France"
    assert country_name("ZZZ") == "ZZZ"
