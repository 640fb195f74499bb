"""Country names and codes as found in records → ISO 3166-1 alpha-2."""

from __future__ import annotations

import tomllib
from functools import cache, lru_cache
from pathlib import Path

import pycountry

from caravan.ingest.normalise.periods import normalise_label

COUNTRY_NAMES_FILE = Path(__file__).resolve().parent / "data" / "countries.toml"


@cache
def _names() -> dict[str, str]:
    """Every name of the table, normalised → alpha-2 code."""
    with COUNTRY_NAMES_FILE.open("rb") as stream:
        table = tomllib.load(stream)
    names: dict[str, str] = {}
    for code, by_language in table.items():
        for labels in by_language.values():
            for label in labels:
                names[_key(label)] = code
    return names


def _key(text: str) -> str:
    normalised = normalise_label(text).removeprefix("the ")
    return normalised.replace(" ", "")


@lru_cache(maxsize=2048)
def to_country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code for a code (CN, CHN) or a country's name, else None.

    Names: pycountry's English names plus common ones ("Iran", "Russia", "Türkiye") and names
    in zh-Hans, zh-Hant, ru, ar, fa and hy for the alliance's countries and their neighbours.
    """
    value = (text or "").strip()
    if not value:
        return None
    if value.isascii() and value.isalpha() and len(value) in (2, 3):
        code = _from_iso_code(value)
        if code:
            return code
    return _names().get(_key(value)) or _from_pycountry_name(_without_article(value))


def _from_iso_code(value: str) -> str | None:
    code = value.upper()
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
    else:
        country = pycountry.countries.get(alpha_3=code)
    return str(country.alpha_2) if country else None


def _without_article(value: str) -> str:
    return value[4:] if value[:4].casefold() == "the " else value


def _from_pycountry_name(value: str) -> str | None:
    try:
        country = pycountry.countries.lookup(value)
    except LookupError:
        return None
    return str(country.alpha_2)
