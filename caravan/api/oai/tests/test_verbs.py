"""The six verbs over HTTP (Django's test client), by GET and by POST, on the fixture world."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from caravan.api.oai.tests.conftest import (
    DELETED,
    NOT_EDM,
    NS,
    PUBLIC,
    REPOSITORY_ID,
    error_codes,
    identifier,
    identifiers,
    oai_get,
    oai_post,
    store,
)
from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.selectors import objects_visible_to

pytestmark = pytest.mark.django_db

Send = Callable[..., Any]
UTC = dt.UTC


def header_ids(response: Any) -> list[str]:
    return [node.text for node in response.iterfind(".//oai:header/oai:identifier", NS)]


def token_of(response: Any) -> Any | None:
    return response.find(".//oai:resumptionToken", NS)


def harvest(client: Any, send: Send = oai_get, **arguments: str) -> list[Any]:
    """Every page of a list, following resumption tokens to the empty one."""
    pages = [send(client, **arguments)]
    while (token := token_of(pages[-1])) is not None and token.text:
        pages.append(send(client, verb=arguments["verb"], resumptionToken=token.text))
    return pages


def harvested_ids(pages: list[Any]) -> list[str]:
    return [found for page in pages for found in header_ids(page)]


# --- Identify ---------------------------------------------------------------------------------


def test_identify_describes_the_repository(client: Any, oai_world: Any) -> None:
    stamps = {
        "palace-public": dt.datetime(2021, 5, 4, 3, 2, 1, 654321, tzinfo=UTC),
        "palace-private": dt.datetime(2001, 1, 1, tzinfo=UTC),  # never harvestable
    }
    for local_id, stamp in stamps.items():
        CatalogueObject.objects.filter(local_id=local_id).update(updated_at=stamp)
    answer = oai_get(client, verb="Identify").find("oai:Identify", NS)
    text = {etree.QName(node).localname: node.text for node in answer}
    assert text["repositoryName"] == "Caravan"
    assert text["baseURL"] == "http://testserver/oai"
    assert text["protocolVersion"] == "2.0"
    assert text["earliestDatestamp"] == "2021-05-04T03:02:01Z"
    assert text["deletedRecord"] == "persistent"
    assert text["granularity"] == "YYYY-MM-DDThh:mm:ssZ"
    assert [node.text for node in answer.iterfind("oai:adminEmail", NS)] == [
        "oai@caravan.example.org",
        "registrar@caravan.example.org",
    ]
    scheme = "{http://www.openarchives.org/OAI/2.0/oai-identifier}"
    assert answer.findtext(f".//{scheme}repositoryIdentifier") == REPOSITORY_ID
    assert answer.findtext(f".//{scheme}sampleIdentifier").startswith(f"oai:{REPOSITORY_ID}:")


def test_the_base_url_is_built_from_the_request(client: Any, oai_world: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["museums.example.net"]
    response = client.get("/oai", {"verb": "Identify"}, HTTP_HOST="museums.example.net")
    document = etree.fromstring(response.content)
    assert document.findtext(".//oai:baseURL", namespaces=NS) == "http://museums.example.net/oai"
    assert document.findtext("oai:request", namespaces=NS) == "http://museums.example.net/oai"


def test_an_empty_repository_still_identifies_itself(client: Any, oai_settings: Any) -> None:
    answer = oai_get(client, verb="Identify")
    earliest = answer.findtext(".//oai:earliestDatestamp", namespaces=NS)
    assert abs(
        dt.datetime.strptime(earliest, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC) - timezone.now()
    ) < dt.timedelta(minutes=5)
    assert error_codes(oai_get(client, verb="ListRecords", metadataPrefix="oai_dc")) == [
        "noRecordsMatch"
    ]


@pytest.mark.parametrize("send", [oai_get, oai_post], ids=["GET", "POST"])
def test_every_verb_answers_by_get_and_by_post(client: Any, oai_world: Any, send: Send) -> None:
    mirror = identifier("palace", "GU 1985.12/3")
    for verb, arguments in [
        ("Identify", {}),
        ("ListMetadataFormats", {}),
        ("ListSets", {}),
        ("GetRecord", {"identifier": mirror, "metadataPrefix": "lido"}),
        ("ListIdentifiers", {"metadataPrefix": "oai_dc"}),
        ("ListRecords", {"metadataPrefix": "edm"}),
    ]:
        response = send(client, verb=verb, **arguments)
        assert response.find(f"oai:{verb}", NS) is not None
        assert response.find("oai:request", NS).attrib == {"verb": verb, **arguments}


def test_other_http_methods_are_refused(client: Any, oai_settings: Any) -> None:
    assert client.put("/oai?verb=Identify").status_code == 405


# --- ListMetadataFormats and ListSets ---------------------------------------------------------


def prefixes(response: Any) -> list[str]:
    return [node.text for node in response.iterfind(".//oai:metadataPrefix", NS)]


def test_list_metadata_formats(client: Any, oai_world: Any) -> None:
    everything = oai_get(client, verb="ListMetadataFormats")
    assert prefixes(everything) == ["oai_dc", "lido", "edm"]
    formats = {
        entry.findtext("oai:metadataPrefix", namespaces=NS): (
            entry.findtext("oai:schema", namespaces=NS),
            entry.findtext("oai:metadataNamespace", namespaces=NS),
        )
        for entry in everything.iterfind(".//oai:metadataFormat", NS)
    }
    assert formats["lido"] == (
        "http://www.lido-schema.org/schema/v1.1/lido-v1.1.xsd",
        "http://www.lido-schema.org",
    )
    assert formats["edm"][0] == "http://www.europeana.eu/schemas/edm/EDM.xsd"
    assert formats["oai_dc"][1] == "http://www.openarchives.org/OAI/2.0/oai_dc/"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        (("palace", "GU 1985.12/3"), ["oai_dc", "lido", "edm"]),
        (("louvre", "AO 1234"), ["oai_dc", "lido"]),  # no rights statement: no EDM
        (("matenadaran", "Ms 10:45"), ["oai_dc", "lido"]),  # NoC-US: not accepted by Europeana
    ],
)
def test_the_formats_of_one_item(
    client: Any, oai_world: Any, key: tuple[str, str], expected: list[str]
) -> None:
    response = oai_get(client, verb="ListMetadataFormats", identifier=identifier(*key))
    assert prefixes(response) == expected


def test_a_withdrawn_item_has_no_metadata_formats(client: Any, oai_world: Any) -> None:
    response = oai_get(
        client, verb="ListMetadataFormats", identifier=identifier("palace", "GU-withdrawn")
    )
    assert error_codes(response) == ["noMetadataFormats"]
    assert response.find("oai:request", NS).get("identifier") == identifier(
        "palace", "GU-withdrawn"
    )


def test_list_sets_names_institutions_and_alliances(client: Any, oai_world: Any) -> None:
    answer = oai_get(client, verb="ListSets").find("oai:ListSets", NS)
    sets = {
        entry.findtext("oai:setSpec", namespaces=NS): entry.findtext("oai:setName", namespaces=NS)
        for entry in answer
    }
    assert sets == {
        "institution": "Institutions",
        "institution:hermitage": "Hermitage",
        "institution:louvre": "Musée du Louvre",
        "institution:matenadaran": "Մատենադարան",
        "institution:palace": "Palace Museum",
        "alliance": "Alliance members",
        "alliance:river": "River Alliance",
        "alliance:silk": "Silk Road Alliance",
    }
    palace = next(e for e in answer if e.findtext("oai:setSpec", namespaces=NS).endswith("palace"))
    titles = palace.findall("oai:setDescription/oai_dc:dc/dc:title", NS)
    assert {
        (title.get("{http://www.w3.org/XML/1998/namespace}lang"), title.text) for title in titles
    } == {
        ("en", "Palace Museum"),
        ("zh-Hans", "故宫博物院"),
    }


# --- GetRecord ----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["oai_dc", "lido", "edm"])
def test_get_record(client: Any, oai_world: Any, prefix: str) -> None:
    mirror = identifier("palace", "GU 1985.12/3")
    record = oai_get(client, verb="GetRecord", identifier=mirror, metadataPrefix=prefix).find(
        ".//oai:record", NS
    )
    assert record.findtext("oai:header/oai:identifier", namespaces=NS) == mirror
    assert [spec.text for spec in record.iterfind("oai:header/oai:setSpec", NS)] == [
        "institution:palace",
        "alliance:silk",
    ]
    stored = CatalogueObject.objects.get(local_id="GU 1985.12/3")
    assert record.findtext(
        "oai:header/oai:datestamp", namespaces=NS
    ) == stored.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata = record.find("oai:metadata", NS)[0]
    assert etree.QName(metadata).localname == {"oai_dc": "dc", "lido": "lido", "edm": "RDF"}[prefix]


@pytest.mark.parametrize("prefix", ["oai_dc", "lido", "edm"])
def test_a_withdrawn_public_record_is_a_deleted_header(
    client: Any, oai_world: Any, prefix: str
) -> None:
    withdrawn = CatalogueObject.objects.get(local_id="GU-withdrawn")
    assert withdrawn.withdrawn_at is not None
    response = oai_get(
        client,
        verb="GetRecord",
        identifier=identifier("palace", "GU-withdrawn"),
        metadataPrefix=prefix,
    )
    header = response.find(".//oai:record/oai:header", NS)
    assert header.get("status") == "deleted"
    assert response.find(".//oai:metadata", NS) is None
    # Its datestamp is the withdrawal; withdrawing did not touch updated_at.
    assert withdrawn.updated_at < withdrawn.withdrawn_at
    expected = withdrawn.withdrawn_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert header.findtext("oai:datestamp", namespaces=NS) == expected


@pytest.mark.parametrize(
    "key",
    [
        ("palace", "palace-members"),
        ("palace", "palace-private"),
        ("hermitage", "hermitage-members"),
        ("palace", "GU-private-withdrawn"),
        ("hermitage", "ГЭ-members-withdrawn"),
        ("palace", "no-such-object"),
        ("nowhere", "palace-public"),
    ],
)
def test_nothing_but_public_records_can_be_asked_for(
    client: Any, oai_world: Any, key: tuple[str, str]
) -> None:
    for verb, extra in (("GetRecord", {"metadataPrefix": "oai_dc"}), ("ListMetadataFormats", {})):
        response = oai_get(client, verb=verb, identifier=identifier(*key), **extra)
        assert error_codes(response) == ["idDoesNotExist"]


# --- Errors -----------------------------------------------------------------------------------


MIRROR = identifier("palace", "GU 1985.12/3")


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": ["Identify", "ListSets"]}, "badVerb"),
        ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "lido"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-01"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "01/02/2024"}, "badArgument"),
        (
            {
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2024-02-01T00:00:00Z",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_dc",
                "from": "2024-02-01",
                "until": "2024-01-01",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "bad set!"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "lido"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": MIRROR}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "lido"}, "badArgument"),
        ({"verb": "ListRecords", "resumptionToken": "garbled"}, "badResumptionToken"),
        ({"verb": "ListIdentifiers", "resumptionToken": "a:b:c"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "anything"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "LIDO"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": MIRROR, "metadataPrefix": "mods"},
            "cannotDisseminateFormat",
        ),
        (
            {
                "verb": "GetRecord",
                "identifier": identifier("louvre", "AO 1234"),
                "metadataPrefix": "edm",
            },
            "cannotDisseminateFormat",
        ),
        (
            {"verb": "GetRecord", "identifier": "oai:elsewhere.org:x:y", "metadataPrefix": "lido"},
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "GU 1985.12/3"}, "idDoesNotExist"),
        (
            {"verb": "ListMetadataFormats", "identifier": identifier("palace", "GU-withdrawn")},
            "noMetadataFormats",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "lido", "from": "2999-01-01"}, "noRecordsMatch"),
        (
            {"verb": "ListRecords", "metadataPrefix": "lido", "until": "1999-12-31"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "lido", "set": "institution:uffizi"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "lido", "set": "collection:a"},
            "noRecordsMatch",
        ),
        (
            {"verb": "ListIdentifiers", "metadataPrefix": "edm", "set": "institution:louvre"},
            "noRecordsMatch",
        ),
    ],
)
@pytest.mark.parametrize("send", [oai_get, oai_post], ids=["GET", "POST"])
def test_errors(
    client: Any, oai_world: Any, send: Send, arguments: dict[str, Any], code: str
) -> None:
    response = send(client, **arguments)
    assert set(error_codes(response)) == {code}
    request = response.find("oai:request", NS)
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}
    else:
        assert request.attrib == arguments
    assert all(error.text for error in response.iterfind("oai:error", NS))


def test_a_post_that_is_not_a_form_has_no_verb(client: Any, oai_settings: Any) -> None:
    response = client.post("/oai", data=b"verb=Identify", content_type="text/plain")
    assert error_codes(etree.fromstring(response.content)) == ["badVerb"]


# --- Lists, paging and tokens -----------------------------------------------------------------


@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
@pytest.mark.parametrize("send", [oai_get, oai_post], ids=["GET", "POST"])
def test_a_list_in_pages_gives_every_public_record_once(
    client: Any, oai_world: Any, verb: str, send: Send
) -> None:
    pages = harvest(client, send, verb=verb, metadataPrefix="oai_dc")
    found = harvested_ids(pages)
    assert len(found) == len(set(found))
    assert set(found) == identifiers(PUBLIC | DELETED)
    visible = {(o.institution.code, o.local_id) for o in objects_visible_to(AnonymousUser())}
    assert set(found) - identifiers(DELETED) == identifiers(visible)
    assert len(pages) == 4  # ten records, three a page
    tokens = [token_of(page) for page in pages]
    assert [token.get("cursor") for token in tokens] == ["0", "3", "6", "9"]
    assert {token.get("completeListSize") for token in tokens} == {"10"}
    assert tokens[-1].text is None and tokens[-1].get("expirationDate") is None
    response_date = dt.datetime.strptime(
        pages[0].findtext("oai:responseDate", namespaces=NS), "%Y-%m-%dT%H:%M:%SZ"
    )
    expires = dt.datetime.strptime(tokens[0].get("expirationDate"), "%Y-%m-%dT%H:%M:%SZ")
    assert expires - response_date == dt.timedelta(seconds=3600)


def test_a_list_that_fits_one_page_has_no_token(client: Any, oai_world: Any, settings: Any) -> None:
    settings.CARAVAN_OAI_PAGE_SIZE = 100
    response = oai_get(client, verb="ListIdentifiers", metadataPrefix="lido")
    assert len(header_ids(response)) == 10
    assert token_of(response) is None


def test_deleted_records_are_listed_as_deleted_in_every_format(client: Any, oai_world: Any) -> None:
    for prefix in ("oai_dc", "lido", "edm"):
        pages = harvest(client, verb="ListIdentifiers", metadataPrefix=prefix)
        deleted = {
            header.findtext("oai:identifier", namespaces=NS)
            for page in pages
            for header in page.iterfind(".//oai:header[@status='deleted']", NS)
        }
        assert deleted == identifiers(DELETED)


def test_edm_lists_leave_out_records_without_an_accepted_rights_statement(
    client: Any, oai_world: Any
) -> None:
    found = harvested_ids(harvest(client, verb="ListRecords", metadataPrefix="edm"))
    assert set(found) == identifiers((PUBLIC - NOT_EDM) | DELETED)


def test_a_token_from_one_verb_does_not_serve_another(client: Any, oai_world: Any) -> None:
    first = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    response = oai_get(client, verb="ListRecords", resumptionToken=token_of(first).text)
    assert error_codes(response) == ["badResumptionToken"]


def test_an_expired_token_is_refused(client: Any, oai_world: Any, settings: Any) -> None:
    first = oai_get(client, verb="ListRecords", metadataPrefix="lido")
    settings.CARAVAN_OAI_TOKEN_LIFETIME = -1  # every token issued so far is now out of date
    response = oai_get(client, verb="ListRecords", resumptionToken=token_of(first).text)
    assert error_codes(response) == ["badResumptionToken"]
    assert "expired" in response.findtext("oai:error", namespaces=NS)


def test_a_tampered_token_is_refused(client: Any, oai_world: Any) -> None:
    token = token_of(oai_get(client, verb="ListRecords", metadataPrefix="lido")).text
    tampered = token[:5] + ("A" if token[5] != "A" else "B") + token[6:]
    response = oai_get(client, verb="ListRecords", resumptionToken=tampered)
    assert error_codes(response) == ["badResumptionToken"]


def test_records_changing_during_a_harvest_come_once_and_none_is_lost(
    client: Any, oai_world: Any
) -> None:
    first = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    sent = header_ids(first)
    # A record already sent and one still to come are edited; a new one is added.
    for local_id in ("palace-public", "GU-control"):
        obj = CatalogueObject.objects.get(local_id=local_id)
        obj.titles = {"en": f"{local_id} (revised)"}
        obj.save()
    store({"institution": "louvre", "local_id": "AO 9999", "titles": {"fr": "Nouvelle"}})
    rest = harvest(client, verb="ListIdentifiers", resumptionToken=token_of(first).text)
    found = sent + harvested_ids(rest)
    assert len(found) == len(set(found))
    assert set(found) == identifiers(PUBLIC | DELETED | {("louvre", "AO 9999")})


# --- Sets and dates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("set_spec", "institutions"),
    [
        ("institution:palace", {"palace"}),
        ("institution:louvre", {"louvre"}),
        ("alliance:silk", {"palace", "hermitage"}),  # louvre's membership ended
        ("alliance:river", {"hermitage", "matenadaran"}),  # louvre is only an applicant
        ("alliance", {"palace", "hermitage", "matenadaran"}),
        ("institution", {"palace", "hermitage", "matenadaran", "louvre"}),
    ],
)
def test_sets_select_by_institution_and_current_alliance_membership(
    client: Any, oai_world: Any, set_spec: str, institutions: set[str]
) -> None:
    found = harvested_ids(
        harvest(client, verb="ListIdentifiers", metadataPrefix="lido", set=set_spec)
    )
    expected = {key for key in PUBLIC | DELETED if key[0] in institutions}
    assert sorted(found) == sorted(identifiers(expected))


def stamp(local_id: str, moment: dt.datetime) -> None:
    CatalogueObject.objects.filter(local_id=local_id).update(updated_at=moment)


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        ({"from": "2024-03-02"}, {"b", "c"}),
        ({"until": "2024-03-02"}, {"a", "b"}),
        ({"from": "2024-03-02", "until": "2024-03-02"}, {"b"}),
        ({"from": "2024-03-02T10:15:30Z"}, {"b", "c"}),
        ({"from": "2024-03-02T10:15:31Z"}, {"c"}),
        ({"until": "2024-03-02T10:15:30Z"}, {"a", "b"}),
        ({"until": "2024-03-02T10:15:29Z"}, {"a"}),
        ({"from": "2024-03-02T10:15:30Z", "until": "2024-03-02T10:15:30Z"}, {"b"}),
    ],
)
def test_from_and_until_are_inclusive(
    client: Any, oai_world: Any, settings: Any, bounds: dict[str, str], expected: set[str]
) -> None:
    settings.CARAVAN_OAI_PAGE_SIZE = 100
    moments = {
        "a": dt.datetime(2024, 3, 1, 23, 59, 59, 999999, tzinfo=UTC),
        "b": dt.datetime(2024, 3, 2, 10, 15, 30, 500000, tzinfo=UTC),
        "c": dt.datetime(2024, 3, 3, 0, 0, 0, tzinfo=UTC),
    }
    CatalogueObject.objects.update(updated_at=dt.datetime(2030, 1, 1, tzinfo=UTC))
    CatalogueObject.objects.filter(local_id="GU-withdrawn").update(
        withdrawn_at=dt.datetime(2030, 1, 1, tzinfo=UTC)
    )
    names = {"a": "palace-public", "b": "ГЭ-5621", "c": "AO 1234"}
    for name, moment in moments.items():
        stamp(names[name], moment)
    response = oai_get(client, verb="ListIdentifiers", metadataPrefix="oai_dc", **bounds)
    by_id = {identifier(*key): key[1] for key in PUBLIC | DELETED}
    found = {by_id[found] for found in header_ids(response)}
    # Everything else is dated 2030: in the lists only when no `until` keeps it out.
    assert found & set(names.values()) == {names[n] for n in expected}
    assert (len(found) > len(expected)) == ("until" not in bounds)


def test_a_deleted_record_is_dated_by_its_withdrawal(client: Any, oai_world: Any) -> None:
    CatalogueObject.objects.update(updated_at=dt.datetime(2020, 1, 1, tzinfo=UTC))
    CatalogueObject.objects.filter(local_id="GU-withdrawn").update(
        withdrawn_at=dt.datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
    )
    response = oai_get(
        client, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2025-06-01"}
    )
    assert header_ids(response) == [identifier("palace", "GU-withdrawn")]
    assert response.findtext(".//oai:datestamp", namespaces=NS) == "2025-06-01T08:00:00Z"


# --- Queries ----------------------------------------------------------------------------------


def list_queries(client: Any, **arguments: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        oai_get(client, **arguments)
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("prefix", ["oai_dc", "lido", "edm"])
def test_a_page_of_records_takes_a_handful_of_queries_whatever_its_size(
    client: Any, oai_world: Any, settings: Any, prefix: str
) -> None:
    settings.CARAVAN_OAI_PAGE_SIZE = 100
    small = list_queries(client, verb="ListRecords", metadataPrefix=prefix)
    for number in range(40):
        store(
            {
                "institution": "hermitage",
                "local_id": f"extra-{number}",
                "titles": {"en": f"Extra {number}", "ru": f"Ещё {number}"},
                "rights": "http://creativecommons.org/publicdomain/zero/1.0/",
                "object_types": [{"text": "vase", "lang": "en"}],
                "agents": [{"names": {"en": f"Maker {number}"}}],
                "media": [{"image_url": f"https://images.example.org/{number}.jpg"}],
            }
        )
    large = list_queries(client, verb="ListRecords", metadataPrefix=prefix)
    assert len(large) == len(small) <= 7
    assert not any("raw_record" in sql for sql in large)
