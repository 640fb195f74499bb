"""The catalogue the OAI-PMH tests harvest: conftest.py's alliance world plus the records of
fixtures/objects.json (BCE dates, Chinese, Russian, Armenian and Arabic text, concept-linked
terms, images with and without IIIF, no rights, stray control characters, withdrawn records
of each visibility)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from lxml import etree

from caravan.api.oai.tests.oai_checks import assert_oai_response
from caravan.catalogue.bulk import objects_withdraw
from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.records import record_from_dict
from caravan.catalogue.services import object_upsert
from caravan.institutions.models import Institution, Membership, MembershipStatus
from caravan.institutions.services import membership_add, membership_end

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPOSITORY_ID = "caravan.example.org"
OAI = "http://www.openarchives.org/OAI/2.0/"
NS = {
    "oai": OAI,
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "lido": "http://www.lido-schema.org",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "edm": "http://www.europeana.eu/schemas/edm/",
    "ore": "http://www.openarchives.org/ore/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "svcs": "http://rdfs.org/sioc/services#",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# What an anonymous reader may see, by (institution, local id), and what was withdrawn while
# public: the harvest must give exactly these.
PUBLIC = {
    ("palace", "palace-public"),
    ("hermitage", "hermitage-public"),
    ("matenadaran", "matenadaran-public"),
    ("louvre", "louvre-public"),
    ("palace", "GU 1985.12/3"),
    ("hermitage", "ГЭ-5621"),
    ("matenadaran", "Ms 10:45"),
    ("louvre", "AO 1234"),
    ("palace", "GU-control"),
}
DELETED = {("palace", "GU-withdrawn")}
# Records whose rights Europeana does not accept (none, or NoC-US): not disseminated as EDM.
NOT_EDM = {
    ("palace", "palace-public"),
    ("hermitage", "hermitage-public"),
    ("matenadaran", "matenadaran-public"),
    ("louvre", "louvre-public"),
    ("matenadaran", "Ms 10:45"),
    ("louvre", "AO 1234"),
}


def identifier(code: str, local_id: str) -> str:
    return f"oai:{REPOSITORY_ID}:{code}:{quote(local_id, safe='')}"


def identifiers(keys: set[tuple[str, str]]) -> set[str]:
    return {identifier(code, local_id) for code, local_id in keys}


@pytest.fixture
def oai_settings(settings: Any) -> Any:
    settings.CARAVAN_OAI_REPOSITORY_ID = REPOSITORY_ID
    settings.CARAVAN_OAI_ADMIN_EMAIL = "oai@caravan.example.org, registrar@caravan.example.org"
    settings.CARAVAN_OAI_PROVIDER = "Silk Road Alliance"
    settings.CARAVAN_OAI_PAGE_SIZE = 3
    settings.CARAVAN_OAI_TOKEN_LIFETIME = 3600
    return settings


@pytest.fixture
def oai_world(alliance_world: dict[str, Any], oai_settings: Any) -> dict[str, Any]:
    """The alliance world, its louvre once a member of silk (ended) and applying to river,
    and the fixture records stored through the catalogue's own services."""
    louvre, silk, river = (
        alliance_world["outsider"],
        alliance_world["silk"],
        alliance_world["river"],
    )
    past = membership_add(institution=louvre, alliance=silk, start_date=dt.date(2015, 1, 1))
    membership_end(membership=past, on=dt.date(2019, 6, 30))
    membership_add(
        institution=louvre,
        alliance=river,
        status=MembershipStatus.APPLICANT,
        start_date=dt.date(2024, 1, 1),
    )
    assert not Membership.objects.filter(
        institution=louvre, status=MembershipStatus.MEMBER, end_date__isnull=True
    ).exists()
    for entry in json.loads((FIXTURES / "objects.json").read_text(encoding="utf-8")):
        store(entry)
    return alliance_world


def store(entry: dict[str, Any]) -> CatalogueObject:
    institution = Institution.objects.get(code=entry["institution"])
    data = {key: value for key, value in entry.items() if key not in ("institution", "withdrawn")}
    obj, _ = object_upsert(institution=institution, record=record_from_dict(data))
    if entry.get("withdrawn"):
        withdraw(obj)
    return obj


def withdraw(obj: CatalogueObject) -> None:
    """Withdraw an object the way a harvest does when its source deletes the record."""
    CatalogueObject.objects.filter(pk=obj.pk).update(
        source_name="fixture", source_identifier=obj.local_id
    )
    objects_withdraw(
        institution_id=obj.institution_id, source_name="fixture", source_identifiers=[obj.local_id]
    )


# Responses are typed Any: lxml-stubs makes every find() Optional, which tests need not spell.
def oai_get(client: Any, **parameters: str) -> Any:
    """The response to a GET, checked against the protocol's response structure."""
    return _checked(client.get("/oai", parameters))


def oai_post(client: Any, **parameters: str) -> Any:
    """The response to a POST of the parameters as application/x-www-form-urlencoded."""
    return _checked(client.post("/oai", parameters))


def _checked(response: Any) -> Any:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    document = etree.fromstring(response.content)
    assert_oai_response(document)
    return document


def error_codes(response: Any) -> list[str]:
    return [error.get("code") for error in response.findall("oai:error", NS)]
