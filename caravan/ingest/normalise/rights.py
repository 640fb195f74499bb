"""Rights statements as found in records → canonical rightsstatements.org or CC URIs.

Canonical forms: ``http://rightsstatements.org/vocab/<code>/1.0/`` (the form the statements'
own RDF uses) and ``http://creativecommons.org/...`` (the form Europeana's EDM requires in
``edm:rights``, so that records served back out by OAI-PMH validate there),
both accepted by `caravan.core.codes.is_rights_uri`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from caravan.core.codes import is_rights_uri

_STATEMENT_CODES = (
    "InC",
    "InC-OW-EU",
    "InC-EDU",
    "InC-NC",
    "InC-RUU",
    "NoC-CR",
    "NoC-NC",
    "NoC-OKLR",
    "NoC-US",
    "CNE",
    "UND",
    "NKC",
)
_STATEMENT_BY_FOLDED_CODE = {code.casefold(): code for code in _STATEMENT_CODES}
_LICENCES = ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")
_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")

# Europeana's retired rights URIs and the statements that replaced them.
_EUROPEANA_LEGACY = {
    "rr-f": "InC",
    "rr-p": "InC",
    "rr-r": "InC",
    "unknown": "CNE",
    "orphan-work-eu": "InC-OW-EU",
    "out-of-copyright-non-commercial": "NoC-NC",
}

# The statements' English names, as cataloguers type them.
_STATEMENT_NAMES = {
    "in copyright": "InC",
    "in copyright - eu orphan work": "InC-OW-EU",
    "in copyright - educational use permitted": "InC-EDU",
    "in copyright - non-commercial use permitted": "InC-NC",
    "in copyright - rights-holder(s) unlocatable or unidentifiable": "InC-RUU",
    "no copyright - contractual restrictions": "NoC-CR",
    "no copyright - non-commercial use only": "NoC-NC",
    "no copyright - other known legal restrictions": "NoC-OKLR",
    "no copyright - united states": "NoC-US",
    "copyright not evaluated": "CNE",
    "copyright undetermined": "UND",
    "no known copyright": "NKC",
}
_PUBLIC_DOMAIN_NAMES = frozenset(
    {"public domain mark", "public domain mark 1.0", "pdm", "pdm 1.0", "public domain"}
)
_CC0_NAMES = frozenset(
    {"cc0", "cc0 1.0", "cc 0", "cc-0", "cc0-1.0", "cc zero", "cc0 1.0 universal"}
)

_STATEMENT_URI = re.compile(
    r"(?:https?://)?(?:www\.)?rightsstatements\.org/(?:vocab|page|data)/([a-z-]+)/1\.0(?:/.*)?"
)
_CC_URI = re.compile(
    r"(?:https?://)?(?:www\.)?creativecommons\.org/(licenses/([a-z-]+)/(\d\.\d)(?:/([a-z]{2}))?"
    r"|publicdomain/(zero|mark)/1\.0)(?:/.*)?"
)
_EUROPEANA_URI = re.compile(r"(?:https?://)?(?:www\.)?europeana\.eu/rights/([a-z-]+)/?.*")
_CC_NAME = re.compile(r"cc[ -]((?:by)(?:[ -](?:nc|sa|nd))*)[ -]v?(\d\.\d)(?:[ -]([a-z]{2}))?")


@lru_cache(maxsize=1024)
def to_rights_uri(value: str) -> str | None:
    """The canonical rights URI for a URI variant or a short name; None when unknown.

    Accepts https and http, ``/page/…?language=``, ``deed.xx`` and ``legalcode`` pages, a missing
    trailing slash, Europeana's retired ``/rights/rr-f/`` family, and names such as "CC0",
    "CC BY 4.0", "CC-BY-SA-4.0", "Public Domain Mark", "In Copyright", "InC-EDU".
    """
    folded = _fold(value)
    if not folded:
        return None
    uri = _from_uri(folded) or _from_name(folded)
    return uri if uri and is_rights_uri(uri) else None


def _fold(value: str) -> str:
    folded = unicodedata.normalize("NFKC", value or "").strip().casefold()
    folded = re.sub(r"\s*[–—]\s*", " - ", folded)
    return re.sub(r"\s+", " ", folded)


def _from_uri(folded: str) -> str | None:
    statement = _STATEMENT_URI.fullmatch(folded)
    if statement:
        return _statement_uri(statement.group(1))
    licence = _CC_URI.fullmatch(folded)
    if licence:
        return _cc_uri(licence)
    europeana = _EUROPEANA_URI.fullmatch(folded)
    if europeana and europeana.group(1) in _EUROPEANA_LEGACY:
        return _statement_uri(_EUROPEANA_LEGACY[europeana.group(1)])
    return None


def _from_name(folded: str) -> str | None:
    if folded in _CC0_NAMES:
        return "http://creativecommons.org/publicdomain/zero/1.0/"
    if folded in _PUBLIC_DOMAIN_NAMES:
        return "http://creativecommons.org/publicdomain/mark/1.0/"
    if folded in _STATEMENT_NAMES:
        return _statement_uri(_STATEMENT_NAMES[folded])
    if folded in _STATEMENT_BY_FOLDED_CODE:
        return _statement_uri(folded)
    if folded in _EUROPEANA_LEGACY:
        return _statement_uri(_EUROPEANA_LEGACY[folded])
    licence = _CC_NAME.fullmatch(folded)
    if licence:
        kind = licence.group(1).replace(" ", "-")
        port = f"{licence.group(3)}/" if licence.group(3) else ""
        return f"http://creativecommons.org/licenses/{kind}/{licence.group(2)}/{port}"
    return None


def _statement_uri(folded_code: str) -> str | None:
    code = _STATEMENT_BY_FOLDED_CODE.get(folded_code.casefold())
    return f"http://rightsstatements.org/vocab/{code}/1.0/" if code else None


def _cc_uri(match: re.Match[str]) -> str | None:
    if match.group(5):
        return f"http://creativecommons.org/publicdomain/{match.group(5)}/1.0/"
    kind, version, port = match.group(2), match.group(3), match.group(4)
    if kind not in _LICENCES or version not in _VERSIONS:
        return None
    return f"http://creativecommons.org/licenses/{kind}/{version}/" + (f"{port}/" if port else "")
