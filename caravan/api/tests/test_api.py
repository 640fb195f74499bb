"""The API answers as the pages do: same permission rules, same counting."""

import json
from pathlib import Path

import pytest

from caravan.cooperation.models import ResourceDownload, SharedResource

pytestmark = pytest.mark.django_db
SNAPSHOT = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"


def test_alliances(client, life):
    alliances = client.get("/api/v1/alliances").json()
    assert [a["code"] for a in alliances] == ["river", "silk"]
    silk = alliances[1]
    assert silk["member_count"] == 2 and silk["secretariat"] == "palace"


def test_agreements_come_with_their_parties_and_private_ones_only_for_parties(
    client, life, make_user
):
    anonymous = client.get("/api/v1/agreements").json()
    assert [a["code"] for a in anonymous] == ["mou-public"]
    assert [p["code"] for p in anonymous[0]["parties"]] == ["palace", "hermitage"]
    client.force_login(make_user("yerevan", institution=life["yerevan"]))
    codes = {a["code"] for a in client.get("/api/v1/agreements").json()}
    assert "mou-private" in codes
    private = next(a for a in client.get("/api/v1/agreements").json() if a["code"] == "mou-private")
    assert {(p["kind"], p["code"]) for p in private["parties"]} == {
        ("institution", "palace"),
        ("institution", "matenadaran"),
        ("alliance", "river"),
    }


def test_events_come_with_their_sessions(client, life):
    events = client.get("/api/v1/events", {"q": "conference"}).json()
    assert events[0]["code"] == "conf-2024"
    session = events[0]["sessions"][0]
    assert session["kind"] == "keynote"
    assert session["speakers"][0]["names"]["zh-Hans"] == "李文博士"


def test_resources_say_their_access(client, life):
    resources = {r["code"]: r for r in client.get("/api/v1/resources").json()}
    assert {code: r["access"] for code, r in resources.items()} == {
        "res-public": "public",
        "res-members": "members",
        "res-on-request": "on-request",
    }
    assert resources["res-public"]["may_download"] is True
    assert resources["res-members"]["may_download"] is False


def test_a_members_only_download_is_refused_to_a_non_member_and_counted_for_a_member(
    client, life, make_user
):
    resource = SharedResource.objects.get(code="res-members")
    url = f"/api/v1/resources/{resource.pk}/download"
    assert client.get(url).status_code == 403
    client.force_login(make_user("yerevan", institution=life["yerevan"]))
    refused = client.get(url)
    assert refused.status_code == 403 and refused.json()["detail"]
    assert not ResourceDownload.objects.exists()
    client.force_login(make_user("hermitage", institution=life["hermitage"]))
    assert client.get(url).status_code == 302
    listed = {r["code"]: r for r in client.get("/api/v1/resources").json()}
    assert listed["res-members"]["download_count"] == 1
    assert client.get("/api/v1/resources/999999/download").status_code == 404


def test_the_openapi_document_matches_the_committed_snapshot(client, db):
    """An API change shows in review: regenerate docs/openapi.json with `make openapi`."""
    schema = client.get("/api/v1/openapi.json").json()
    assert schema == json.loads(SNAPSHOT.read_text(encoding="utf-8")), "run make openapi"
    assert client.get("/api/v1/docs").status_code == 200


def test_a_nul_character_in_a_search_is_not_a_server_error(client, db):
    """PostgreSQL refuses NUL in text parameters; list searches drop it."""
    assert client.get("/api/v1/agreements", {"q": "silk\x00road"}).status_code == 200
    assert client.get("/api/v1/events", {"q": "\x00"}).status_code == 200
