"""Standard codes: ISO 3166-1 countries and rights statement URIs."""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy


@lru_cache(maxsize=32)
def _country_translations(language: str) -> gettext.NullTranslations:
    """pycountry's own ISO 3166 translations for a Django language code (zh-hans → zh_CN)."""
    candidates = {"zh-hans": ["zh_CN"], "zh-hant": ["zh_TW", "zh_HK"]}.get(
        language.lower(), [language.replace("-", "_"), language.split("-")[0]]
    )
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=candidates, fallback=True
    )


def country_name(code: str, language: str = "en") -> str:
    """The short name of an ISO 3166-1 alpha-2 code in a language, or the code when unknown."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    english = str(getattr(country, "common_name", None) or country.name)
    return _country_translations(language).gettext(english) if language != "en" else english


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code (upper case)."""
    return len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def validate_country_code(code: str) -> None:
    """Refuse anything but an assigned ISO 3166-1 alpha-2 code in upper case."""
    if not re.fullmatch(r"[A-Z]{2}", code or "") or pycountry.countries.get(alpha_2=code) is None:
        raise ValidationError(
            f"'{code}' is not an ISO 3166-1 alpha-2 country code (e.g. CN, AM, KZ)",
            code="invalid_country",
        )


_RIGHTS_STATEMENT = re.compile(
    r"http://rightsstatements\.org/vocab/(InC|InC-OW-EU|InC-EDU|InC-NC|InC-RUU|NoC-CR|NoC-NC"
    r"|NoC-OKLR|NoC-US|CNE|UND|NKC)/1\.0/"
)
_CREATIVE_COMMONS = re.compile(
    r"https?://creativecommons\.org/(licenses/(by|by-sa|by-nd|by-nc|by-nc-sa|by-nc-nd)/"
    r"(1\.0|2\.0|2\.5|3\.0|4\.0)/([a-z]{2}/)?|publicdomain/(zero/1\.0|mark/1\.0)/)"
)


def is_rights_uri(uri: str) -> bool:
    """True for a rightsstatements.org statement or a Creative Commons licence or tool URI."""
    return bool(_RIGHTS_STATEMENT.fullmatch(uri) or _CREATIVE_COMMONS.fullmatch(uri))


def validate_rights_uri(uri: str) -> None:
    if uri and not is_rights_uri(uri):
        raise ValidationError(
            f"'{uri}' is not a rightsstatements.org or Creative Commons URI",
            code="invalid_rights",
        )


_RIGHTS_STATEMENT_LABELS = {
    "InC": gettext_lazy("In Copyright"),
    "InC-OW-EU": gettext_lazy("In Copyright – EU Orphan Work"),
    "InC-EDU": gettext_lazy("In Copyright – Educational Use Permitted"),
    "InC-NC": gettext_lazy("In Copyright – Non-Commercial Use Permitted"),
    "InC-RUU": gettext_lazy("In Copyright – Rights-holder(s) Unlocatable or Unidentifiable"),
    "NoC-CR": gettext_lazy("No Copyright – Contractual Restrictions"),
    "NoC-NC": gettext_lazy("No Copyright – Non-Commercial Use Only"),
    "NoC-OKLR": gettext_lazy("No Copyright – Other Known Legal Restrictions"),
    "NoC-US": gettext_lazy("No Copyright – United States"),
    "CNE": gettext_lazy("Copyright Not Evaluated"),
    "UND": gettext_lazy("Copyright Undetermined"),
    "NKC": gettext_lazy("No Known Copyright"),
}


def rights_label(uri: str) -> str:
    """A reader's name for a rights URI: 'Copyright Not Evaluated', 'CC BY-SA 4.0', 'CC0 1.0'."""
    statement = _RIGHTS_STATEMENT.fullmatch(uri)
    if statement:
        return str(_RIGHTS_STATEMENT_LABELS[statement.group(1)])
    licence = _CREATIVE_COMMONS.fullmatch(uri)
    if licence is None:
        return uri
    if licence.group(2):
        port = f" ({licence.group(4).strip('/').upper()})" if licence.group(4) else ""
        return f"CC {licence.group(2).upper()} {licence.group(3)}{port}"
    return "CC0 1.0" if "zero" in uri else str(gettext_lazy("Public Domain Mark 1.0"))


def is_open_licence(uri: str) -> bool:
    """True for the licences and tools that let anyone reuse a record for any purpose:
    CC0, the Public Domain Mark, CC BY and CC BY-SA (Europeana's "openly licensed" set)."""
    licence = _CREATIVE_COMMONS.fullmatch(uri)
    return bool(licence) and (licence is not None and licence.group(2) in (None, "by", "by-sa"))
