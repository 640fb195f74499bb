"""Real harvests over HTTP: Sickle against a live server, and Caravan harvesting itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from sickle import Sickle
from sickle.oaiexceptions import CannotDisseminateFormat, IdDoesNotExist, NoRecordsMatch

from caravan.api.oai.schemas import EDM_SCHEMA, LIDO_SCHEMA, schema_errors
from caravan.api.oai.tests.conftest import DELETED, NOT_EDM, PUBLIC, identifier, identifiers
from caravan.catalogue.models import CatalogueObject, TermField
from caravan.catalogue.selectors import objects_visible_to
from caravan.ingest.models import RunStatus, SourceKind
from caravan.ingest.oai import OaiHarvester
from caravan.ingest.services import source_add
from caravan.institutions.services import institution_create

pytestmark = pytest.mark.django_db(transaction=True)

SCHEMAS = {"lido": LIDO_SCHEMA, "edm": EDM_SCHEMA}


def sickle(live_server: Any, method: str = "GET") -> Sickle:
    return Sickle(f"{live_server.url}/oai", http_method=method, max_retries=0)


def harvest(client: Sickle, **arguments: str) -> tuple[set[str], set[str], list[Any]]:
    """(identifiers of live records, of deleted ones, the live records) of a whole list."""
    live: set[str] = set()
    deleted: set[str] = set()
    records = []
    seen = 0
    for record in client.ListRecords(ignore_deleted=False, **arguments):
        seen += 1
        if record.header.deleted:
            deleted.add(record.header.identifier)
        else:
            live.add(record.header.identifier)
            records.append(record)
    assert seen == len(live) + len(deleted), "an identifier came twice"
    return live, deleted, records


def visible_to_anyone() -> set[str]:
    return {
        identifier(obj.institution.code, obj.local_id)
        for obj in objects_visible_to(AnonymousUser()).select_related("institution")
    }


@pytest.mark.parametrize("prefix", ["oai_dc", "lido", "edm"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_harvest_gives_exactly_the_public_catalogue(
    live_server: Any, oai_world: Any, prefix: str, method: str
) -> None:
    live, deleted, records = harvest(sickle(live_server, method), metadataPrefix=prefix)
    expected = PUBLIC - NOT_EDM if prefix == "edm" else PUBLIC
    assert live == identifiers(expected)
    assert deleted == identifiers(DELETED)
    assert live <= visible_to_anyone()
    if prefix != "edm":
        assert live == visible_to_anyone()
    hidden = CatalogueObject.objects.exclude(visibility="public").select_related("institution")
    assert hidden.count() == 10  # members-only and private, two of them withdrawn
    assert not identifiers({(o.institution.code, o.local_id) for o in hidden}) & (live | deleted)
    if prefix in SCHEMAS:  # BCE years, CJK, Arabic, Armenian, images or none, concepts…
        for record in records:
            metadata = record.xml.find(".//{http://www.openarchives.org/OAI/2.0/}metadata")[0]
            assert schema_errors(metadata, SCHEMAS[prefix]) == [], record.header.identifier


def test_identifiers_headers_and_single_records(live_server: Any, oai_world: Any) -> None:
    client = sickle(live_server)
    headers = list(client.ListIdentifiers(metadataPrefix="lido", ignore_deleted=False))
    assert {header.identifier for header in headers} == identifiers(PUBLIC | DELETED)
    assert [h.identifier for h in headers if h.deleted] == [identifier("palace", "GU-withdrawn")]
    mirror = client.GetRecord(
        identifier=identifier("palace", "GU 1985.12/3"), metadataPrefix="oai_dc"
    )
    assert mirror.metadata["title"] == [
        "Bronze mirror with dragons",
        "蟠龙纹铜镜",
        "蟠龍紋銅鏡",
    ]
    assert client.Identify().deletedRecord == "persistent"
    sets = {entry.setSpec for entry in client.ListSets()}
    assert {"institution:palace", "alliance:silk", "alliance:river"} <= sets
    with pytest.raises(IdDoesNotExist):
        client.GetRecord(identifier=identifier("palace", "palace-private"), metadataPrefix="lido")
    with pytest.raises(CannotDisseminateFormat):
        client.GetRecord(identifier=identifier("louvre", "AO 1234"), metadataPrefix="edm")


@pytest.mark.parametrize(
    ("set_spec", "institutions"),
    [
        ("institution:hermitage", {"hermitage"}),
        ("alliance:silk", {"palace", "hermitage"}),
        ("alliance:river", {"hermitage", "matenadaran"}),
    ],
)
def test_set_harvests(
    live_server: Any, oai_world: Any, set_spec: str, institutions: set[str]
) -> None:
    live, deleted, _ = harvest(sickle(live_server), metadataPrefix="lido", set=set_spec)
    assert live | deleted == identifiers(
        {key for key in PUBLIC | DELETED if key[0] in institutions}
    )


def test_an_empty_set_harvest_says_no_records_match(live_server: Any, oai_world: Any) -> None:
    with pytest.raises(NoRecordsMatch):
        harvest(sickle(live_server), metadataPrefix="edm", set="institution:louvre")


def test_from_and_until_harvests(live_server: Any, oai_world: Any) -> None:
    CatalogueObject.objects.update(updated_at="2024-01-10T12:00:00Z")
    CatalogueObject.objects.filter(local_id__in=["GU 1985.12/3", "Ms 10:45"]).update(
        updated_at="2024-02-01T00:00:00Z"
    )
    CatalogueObject.objects.filter(local_id="GU-withdrawn").update(
        withdrawn_at="2024-02-03T09:30:00Z"
    )
    client = sickle(live_server)
    live, deleted, _ = harvest(client, metadataPrefix="oai_dc", **{"from": "2024-02-01"})
    assert live == identifiers({("palace", "GU 1985.12/3"), ("matenadaran", "Ms 10:45")})
    assert deleted == identifiers(DELETED)
    live, deleted, _ = harvest(
        client, metadataPrefix="oai_dc", **{"from": "2024-01-01", "until": "2024-01-31"}
    )
    assert live == identifiers(PUBLIC - {("palace", "GU 1985.12/3"), ("matenadaran", "Ms 10:45")})
    assert not deleted
    live, deleted, _ = harvest(
        client,
        metadataPrefix="oai_dc",
        **{"from": "2024-02-03T09:30:00Z", "until": "2024-02-03T09:30:00Z"},
    )
    assert (live, deleted) == (set(), identifiers(DELETED))


# --- Caravan harvesting its own provider ------------------------------------------------------


@pytest.mark.parametrize("prefix", ["lido", "edm"])
def test_caravan_harvests_its_own_records_back(
    live_server: Any, oai_world: Any, settings: Any, prefix: str
) -> None:
    """The records read back through Caravan's own importer say what the catalogue says:
    titles in every language, BCE years, terms, rights and images."""
    settings.CARAVAN_INGEST_ALLOW_PRIVATE_ADDRESSES = True
    mirror_site = institution_create(code="mirror", names={"en": "Mirror"}, country="NL")
    source = source_add(
        code="palace-oai",
        institution=mirror_site,
        kind=SourceKind.OAI_PMH,
        format_name=prefix,
        location=f"{live_server.url}/oai",
        metadata_prefix=prefix,
        set_spec="institution:palace",
    )
    run = OaiHarvester(source, sleep=lambda seconds: None).harvest(workers=1)
    assert run.status == RunStatus.SUCCEEDED, run.failure
    original = CatalogueObject.objects.get(institution__code="palace", local_id="GU 1985.12/3")
    copy = CatalogueObject.objects.get(
        institution=mirror_site, titles__en="Bronze mirror with dragons"
    )
    assert copy.titles == original.titles
    assert (copy.earliest_year, copy.latest_year) == (-206, 8)
    assert copy.rights == "http://creativecommons.org/publicdomain/zero/1.0/"
    materials = {t.text for t in copy.terms.all() if t.field == TermField.MATERIAL}
    assert "bronze" in materials
    assert copy.media.first().image_url == "https://images.example.org/gu/1985-12-3/full.jpg"
    if prefix == "lido":
        assert copy.local_id == identifier("palace", "GU 1985.12/3")
        assert copy.descriptions == original.descriptions
        assert copy.production_place == original.production_place
        types = {(t.text, t.lang) for t in copy.terms.all() if t.field == TermField.OBJECT_TYPE}
        assert ("mirror", "en") in types
