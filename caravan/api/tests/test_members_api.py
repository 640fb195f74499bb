"""Member systems push and withdraw their own records with a token; never anyone else's."""

from __future__ import annotations

import json
from typing import Any

import pytest

from caravan.api.services import token_create, token_revoke
from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import HarvestRun, RunIssue, RunKind

BRONZE = {
    "language": "zh-Hans",
    "titles": {"zh-Hans": "铜镜", "en": "Bronze mirror"},
    "date_display": {"en": "Tang dynasty"},
    "materials": [{"text": "bronze", "lang": "en"}],
    "rights": "CC0",
}


@pytest.fixture
def tokens(alliance_world: dict[str, Any], make_user: Any) -> dict[str, str]:
    palace_staff = make_user("palace-registrar", institution=alliance_world["palace"])
    hermitage_staff = make_user("hermitage-registrar", institution=alliance_world["hermitage"])
    return {
        "palace": token_create(user=palace_staff, name="palace CMS")[1],
        "hermitage": token_create(user=hermitage_staff, name="hermitage CMS")[1],
    }


def put(client: Any, token: str, code: str, local_id: str, body: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return client.put(
        f"/api/v1/institutions/{code}/objects/{local_id}",
        data=data,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_a_member_creates_then_updates_its_record_idempotently(client, tokens):
    created = put(client, tokens["palace"], "palace", "NPM-7", BRONZE)
    assert created.status_code == 201, created.json()
    answer = created.json()
    assert answer["outcome"] == "created"
    obj = CatalogueObject.objects.get(pk=answer["object_id"])
    assert obj.titles["zh-Hans"] == "铜镜" and obj.local_id == "NPM-7"
    # normalised like any import: years from the display date, rights as a URI
    assert (obj.earliest_year, obj.latest_year) == (618, 907)
    assert obj.rights == "http://creativecommons.org/publicdomain/zero/1.0/"
    run = HarvestRun.objects.get(pk=answer["run"])
    assert (run.kind, run.format, run.created, run.seen) == (RunKind.PUSH, "caravan", 1, 1)

    again = put(client, tokens["palace"], "palace", "NPM-7", BRONZE)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
    changed = put(client, tokens["palace"], "palace", "NPM-7", {**BRONZE, "rights": ""})
    assert changed.json()["outcome"] == "updated"
    assert CatalogueObject.objects.filter(local_id="NPM-7").count() == 1


def test_a_token_cannot_change_another_institutions_record(client, tokens, alliance_world):
    target = alliance_world["objects"][("palace", "public")]
    before = CatalogueObject.objects.values().get(pk=target.pk)
    runs_before = HarvestRun.objects.count()
    refused = put(client, tokens["hermitage"], "palace", target.local_id, BRONZE)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden" and "palace" in refused.json()["detail"]
    gone = client.delete(
        f"/api/v1/institutions/palace/objects/{target.local_id}",
        headers={"Authorization": f"Bearer {tokens['hermitage']}"},
    )
    assert gone.status_code == 403
    assert CatalogueObject.objects.values().get(pk=target.pk) == before
    assert HarvestRun.objects.count() == runs_before  # not even a run was recorded


def test_writes_need_a_valid_token(client, tokens, alliance_world):
    anonymous = client.put(
        "/api/v1/institutions/palace/objects/X", data="{}", content_type="application/json"
    )
    assert anonymous.status_code == 401 and anonymous.json()["code"] == "unauthorized"
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    wrong = put(client, "cvn_not-a-token", "palace", "X", BRONZE)
    assert wrong.status_code == 401
    from caravan.api.models import ApiToken

    revoked = ApiToken.objects.get(name="palace CMS")
    token_revoke(revoked)
    assert put(client, tokens["palace"], "palace", "X", BRONZE).status_code == 401
    assert not CatalogueObject.objects.filter(local_id="X").exists()


def test_a_bad_record_is_refused_with_its_reason_and_kept_in_the_report(client, tokens):
    refused = put(client, tokens["palace"], "palace", "NPM-8", {"titles": {}})
    assert refused.status_code == 422
    answer = refused.json()
    assert answer["outcome"] == "rejected" and answer["object_id"] is None
    assert "no title" in answer["problems"][0]["problem"]
    issue = RunIssue.objects.get(run_id=answer["run"])
    assert issue.identifier == "NPM-8" and '"titles"' in issue.raw_record
    broken = put(client, tokens["palace"], "palace", "NPM-9", '{"titles": ')
    assert broken.status_code == 422 and "not JSON" in broken.json()["problems"][0]["problem"]
    other = put(client, tokens["palace"], "palace", "NPM-10", {**BRONZE, "local_id": "NPM-11"})
    assert other.status_code == 400 and other.json()["code"] == "bad_request"
    assert not CatalogueObject.objects.filter(local_id__in=["NPM-8", "NPM-9", "NPM-10"]).exists()


def test_withdrawing_hides_the_record_and_a_new_push_brings_it_back(client, tokens):
    put(client, tokens["palace"], "palace", "NPM-12", BRONZE)
    auth = {"Authorization": f"Bearer {tokens['palace']}"}
    withdrawn = client.delete("/api/v1/institutions/palace/objects/NPM-12", headers=auth)
    assert withdrawn.status_code == 200 and withdrawn.json()["outcome"] == "withdrawn"
    object_id = withdrawn.json()["object_id"]
    assert client.get(f"/api/v1/objects/{object_id}").status_code == 404
    missing = client.delete("/api/v1/institutions/palace/objects/nothing", headers=auth)
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    back = put(client, tokens["palace"], "palace", "NPM-12", BRONZE)
    assert back.status_code == 200 and back.json()["outcome"] in {"updated", "unchanged"}
    assert client.get(f"/api/v1/objects/{object_id}").status_code == 200


def test_members_read_their_own_runs_only(client, tokens, alliance_world):
    put(client, tokens["palace"], "palace", "NPM-13", BRONZE)
    put(client, tokens["hermitage"], "hermitage", "H-1", BRONZE)
    palace = client.get(
        "/api/v1/harvest-runs", headers={"Authorization": f"Bearer {tokens['palace']}"}
    )
    assert palace.status_code == 200
    items = palace.json()["items"]
    assert [run["institution"] for run in items] == ["palace"]
    run_id = items[0]["id"]
    detail = client.get(
        f"/api/v1/harvest-runs/{run_id}", headers={"Authorization": f"Bearer {tokens['palace']}"}
    )
    assert detail.json()["created"] == 1
    assert detail.json()["issues"] == [
        {
            "identifier": "NPM-13",
            "severity": "warning",
            "problem": "rights 'CC0' read as http://creativecommons.org/publicdomain/zero/1.0/",
        }
    ]
    other = client.get(
        f"/api/v1/harvest-runs/{run_id}",
        headers={"Authorization": f"Bearer {tokens['hermitage']}"},
    )
    assert other.status_code == 404
    assert client.get("/api/v1/harvest-runs").status_code == 401


def test_a_token_reads_what_its_user_may_see(client, tokens, alliance_world):
    members_only = alliance_world["objects"][("hermitage", "members")]
    assert client.get(f"/api/v1/objects/{members_only.pk}").status_code == 404
    seen = client.get(
        f"/api/v1/objects/{members_only.pk}",
        headers={"Authorization": f"Bearer {tokens['palace']}"},  # palace and hermitage: silk
    )
    assert seen.status_code == 200 and seen.json()["visibility"] == "members"


def _png(width: int = 40, height: int = 30) -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (width, height), (180, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_member_uploads_an_image_that_survives_a_reimport(client, tokens):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from caravan.catalogue.models import ObjectMedia

    put(client, tokens["palace"], "palace", "NPM-20", BRONZE)
    auth = {"Authorization": f"Bearer {tokens['palace']}"}
    uploaded = client.post(
        "/api/v1/institutions/palace/objects/NPM-20/images",
        {"image": SimpleUploadedFile("mirror.png", _png(), "image/png"), "caption": "背面"},
        headers=auth,
    )
    assert uploaded.status_code == 201, uploaded.content
    hosted = uploaded.json()
    assert (hosted["width"], hosted["height"]) == (40, 30)
    assert hosted["iiif_service"].endswith(f"/iiif/image/{hosted['hosted_id']}")
    obj = CatalogueObject.objects.get(local_id="NPM-20")
    assert obj.has_image
    info = client.get(f"/iiif/image/{hosted['hosted_id']}/info.json")
    assert info.status_code == 200 and info.json()["width"] == 40

    # a changed record from the member's system (through the batch pipeline) keeps the upload
    changed = put(client, tokens["palace"], "palace", "NPM-20", {**BRONZE, "rights": ""})
    assert changed.json()["outcome"] == "updated"
    obj.refresh_from_db()
    assert obj.has_image
    assert ObjectMedia.objects.filter(object=obj, hosted_id=hosted["hosted_id"]).exists()

    refused = client.post(
        "/api/v1/institutions/palace/objects/NPM-20/images",
        {"image": SimpleUploadedFile("note.png", b"not an image", "image/png")},
        headers=auth,
    )
    assert refused.status_code == 400 and refused.json()["code"] == "bad_request"
    others = client.post(
        "/api/v1/institutions/palace/objects/NPM-20/images",
        {"image": SimpleUploadedFile("m.png", _png(), "image/png")},
        headers={"Authorization": f"Bearer {tokens['hermitage']}"},
    )
    assert others.status_code == 403
    assert ObjectMedia.objects.filter(object=obj).count() == 1
