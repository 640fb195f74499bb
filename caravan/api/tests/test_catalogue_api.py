"""Institutions, alliances, memberships, objects, vocabularies; one error shape; rate limits."""

from __future__ import annotations

from typing import Any

import pytest

from caravan.catalogue.models import CatalogueObject
from caravan.catalogue.services import object_upsert
from caravan.ingest.vocab.services import starter_vocabulary_ensure


def test_institutions_with_their_current_alliances(client, alliance_world):
    listed = {row["code"]: row for row in client.get("/api/v1/institutions").json()}
    assert set(listed) == {"palace", "hermitage", "matenadaran", "louvre"}
    assert listed["hermitage"]["alliances"] == ["river", "silk"]
    assert listed["louvre"]["alliances"] == []
    assert listed["palace"]["names"]["zh-Hans"] == "故宫博物院"
    assert listed["palace"]["url"] == "http://testserver/institutions/palace/"
    russian = client.get("/api/v1/institutions", {"country": "ru"}).json()
    assert [row["code"] for row in russian] == ["hermitage"]
    one = client.get("/api/v1/institutions/matenadaran").json()
    assert one["names"] == {"hy": "Մատենադարան"} and one["alliances"] == ["river"]
    missing = client.get("/api/v1/institutions/nowhere")
    assert missing.status_code == 404
    assert missing.json() == {
        "detail": "no institution 'nowhere'",
        "code": "not_found",
        "errors": [],
    }


def test_alliance_detail_and_memberships(client, alliance_world):
    silk = client.get("/api/v1/alliances/silk").json()
    assert silk["member_count"] == 2
    assert [(m["institution"], m["current"]) for m in silk["memberships"]] == [
        ("hermitage", True),
        ("palace", True),
    ]
    river = client.get("/api/v1/memberships", {"alliance": "river", "current": "true"}).json()
    assert [m["institution"] for m in river] == ["hermitage", "matenadaran"]
    hermitage = client.get("/api/v1/memberships", {"institution": "hermitage"}).json()
    assert sorted(m["alliance"] for m in hermitage) == ["river", "silk"]


def test_object_detail_follows_the_one_visibility_rule(client, alliance_world):
    objects = alliance_world["objects"]
    public = objects[("palace", "public")]
    answer = client.get(f"/api/v1/objects/{public.pk}")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["institution"], body["local_id"]) == ("palace", "palace-public")
    assert body["iiif_manifest"] is None  # no images
    assert body["url"] == f"http://testserver/objects/{public.pk}/"
    assert body["linked_art"] == f"http://testserver/api/v1/objects/{public.pk}.jsonld"
    for visibility in ("members", "private"):
        hidden = objects[("palace", visibility)]
        refused = client.get(f"/api/v1/objects/{hidden.pk}")
        assert refused.status_code == 404 and refused.json()["code"] == "not_found"


def test_object_detail_carries_terms_agents_media_and_the_manifest(client, make_institution):
    starter_vocabulary_ensure()
    from caravan.catalogue.records import record_from_dict

    museum = make_institution("shaanxi", names={"zh-Hans": "陕西历史博物馆"})
    record = record_from_dict(
        {
            "local_id": "SX-1",
            "language": "zh-Hans",
            "titles": {"zh-Hans": "唐三彩骆驼", "en": "Sancai camel"},
            "earliest_year": 618,
            "latest_year": 907,
            "object_types": [{"text": "figure", "lang": "en"}],
            "agents": [{"name": {"en": "Unknown potter"}, "kind": "person"}],
            "media": [{"image_url": "https://images.example/camel.jpg"}],
            "rights": "http://rightsstatements.org/vocab/NoC-NC/1.0/",
        }
    )
    obj, _ = object_upsert(institution=museum, record=record)
    body = client.get(f"/api/v1/objects/{obj.pk}").json()
    assert body["titles"]["zh-Hans"] == "唐三彩骆驼"
    assert (body["earliest_year"], body["latest_year"]) == (618, 907)
    assert body["object_types"][0]["text"] == "figure"
    assert body["agents"] == [
        {"kind": "person", "names": {"en": "Unknown potter"}, "role": {}, "uri": ""}
    ]
    assert body["media"][0]["image_url"] == "https://images.example/camel.jpg"
    assert body["iiif_manifest"].endswith(f"/iiif/objects/{obj.pk}/manifest")


def test_vocabularies_and_concepts(client, db):
    starter_vocabulary_ensure()
    (scheme,) = client.get("/api/v1/vocabularies").json()
    assert scheme["concept_count"] > 30
    page = client.get(f"/api/v1/vocabularies/{scheme['code']}/concepts", {"limit": 5}).json()
    assert page["count"] == scheme["concept_count"] and len(page["items"]) == 5
    mirrors = client.get(f"/api/v1/vocabularies/{scheme['code']}/concepts", {"q": "青铜"}).json()[
        "items"
    ]
    assert mirrors and all(
        "青铜" in " ".join(concept["pref_labels"].values()) + str(concept["alt_labels"])
        for concept in mirrors
    )
    concept = client.get(f"/api/v1/concepts/{mirrors[0]['id']}").json()
    assert concept["scheme"] == scheme["code"]
    for related in concept["broader"] + concept["narrower"]:
        assert client.get(f"/api/v1/concepts/{related}").status_code == 200
    assert client.get("/api/v1/vocabularies/none/concepts").status_code == 404


def test_objects_lists_with_the_search_parameters(client, alliance_world):
    listed = client.get("/api/v1/objects", {"institution": "palace"}).json()
    assert [hit["local_identifier"] for hit in listed["results"]] == ["palace-public"]
    refused = client.get("/api/v1/objects", {"sort": "sideways"})
    assert refused.status_code == 400 and refused.json()["code"] == "bad_request"


def test_validation_errors_have_the_same_shape(client, db):
    refused = client.get("/api/v1/memberships", {"current": "perhaps"})
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "invalid"
    assert body["errors"][0]["location"] == "query.current"
    assert body["detail"].startswith("query.current:")


@pytest.mark.parametrize("caller", ["anonymous", "token"])
def test_callers_are_held_to_a_rate_limit(client, settings, alliance_world, make_user, caller):
    from caravan.api.services import token_create

    settings.CARAVAN_API_RATE_ANONYMOUS = "3/min"
    settings.CARAVAN_API_RATE_MEMBER = "5/min"
    headers: dict[str, Any] = {}
    allowed = 3
    if caller == "token":
        user = make_user("limited", institution=alliance_world["palace"])
        headers = {"Authorization": f"Bearer {token_create(user=user, name='cms')[1]}"}
        allowed = 5
    answers = [client.get("/api/v1/institutions", headers=headers) for _ in range(allowed + 1)]
    assert [a.status_code for a in answers] == [200] * allowed + [429]
    limited = answers[-1]
    assert limited.json()["code"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 61


def test_withdrawn_objects_are_gone_from_the_api(client, alliance_world):
    from django.utils import timezone

    public = alliance_world["objects"][("palace", "public")]
    CatalogueObject.objects.filter(pk=public.pk).update(withdrawn_at=timezone.now())
    assert client.get(f"/api/v1/objects/{public.pk}").status_code == 404
    assert client.get(f"/api/v1/objects/{public.pk}.jsonld").status_code == 404
