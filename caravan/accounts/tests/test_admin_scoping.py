"""The admin applies the same rules: editors change only their own institution's records."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def palace_editor(alliance_world, make_user):
    return make_user("editor", institution=alliance_world["palace"])


def changelist(client, model):
    return client.get(reverse(f"admin:{model}_changelist"))


def test_an_editor_sees_only_own_institutions_objects(client, alliance_world, palace_editor):
    client.force_login(palace_editor)
    response = changelist(client, "catalogue_catalogueobject")
    assert response.status_code == 200
    content = response.content.decode()
    assert "palace-private" in content
    assert "hermitage-public" not in content


def test_an_editor_cannot_open_or_change_another_institutions_object(
    client, alliance_world, palace_editor
):
    client.force_login(palace_editor)
    theirs = alliance_world["objects"][("hermitage", "public")]
    url = reverse("admin:catalogue_catalogueobject_change", args=[theirs.pk])
    assert client.get(url).status_code in (302, 403, 404)
    assert client.post(url, {"local_id": "stolen"}).status_code in (302, 403, 404)
    theirs.refresh_from_db()
    assert theirs.local_id == "hermitage-public"


def test_an_editor_can_change_own_object(client, alliance_world, palace_editor):
    client.force_login(palace_editor)
    mine = alliance_world["objects"][("palace", "public")]
    url = reverse("admin:catalogue_catalogueobject_change", args=[mine.pk])
    assert client.get(url).status_code == 200


def test_an_editor_cannot_change_alliances_or_memberships(client, alliance_world, palace_editor):
    client.force_login(palace_editor)
    assert changelist(client, "institutions_alliance").status_code == 200  # may look
    silk = alliance_world["silk"]
    change = client.post(
        reverse("admin:institutions_alliance_change", args=[silk.pk]),
        {"code": "renamed", "names": '{"en": "Renamed"}'},
    )
    assert change.status_code == 403
    silk.refresh_from_db()
    assert silk.code == "silk"
    assert client.get(reverse("admin:institutions_alliance_add")).status_code == 403


def test_secretariat_sees_every_institutions_objects(client, alliance_world, make_user):
    client.force_login(make_user("sec", is_secretariat=True))
    content = changelist(client, "catalogue_catalogueobject").content.decode()
    assert "palace-private" in content and "louvre-members" in content


def test_a_user_of_no_institution_sees_no_catalogue(client, alliance_world, make_user):
    client.force_login(make_user("nobody"))
    assert changelist(client, "catalogue_catalogueobject").status_code == 403


@pytest.mark.parametrize(
    "model",
    [
        "accounts_user",
        "institutions_institution",
        "institutions_alliance",
        "institutions_membership",
        "institutions_person",
        "catalogue_catalogueobject",
        "catalogue_concept",
        "catalogue_conceptscheme",
    ],
)
def test_every_model_has_a_searchable_admin(client, alliance_world, make_user, model):
    client.force_login(make_user("sec", is_secretariat=True, is_superuser=True))
    response = client.get(reverse(f"admin:{model}_changelist"), {"q": "palace"})
    assert response.status_code == 200


def test_an_editor_edits_own_institution_names_language_by_language(
    client, alliance_world, palace_editor
):
    client.force_login(palace_editor)
    palace = alliance_world["palace"]
    response = client.post(
        reverse("admin:institutions_institution_change", args=[palace.pk]),
        {
            "code": "palace",
            "country": "CN",
            "type": "history",
            "names__tag": ["en", "zh-hans", "ar", ""],
            "names__text": ["Palace Museum", "故宫博物院", "متحف القصر", ""],
            "short_name__tag": [""],
            "short_name__text": [""],
            "city__tag": ["en"],
            "city__text": ["Beijing"],
            "description__tag": [""],
            "description__text": [""],
            "latitude": "",
            "longitude": "",
            "isil": "",
            "wikidata": "",
            "website": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    palace.refresh_from_db()
    assert palace.names == {"en": "Palace Museum", "zh-Hans": "故宫博物院", "ar": "متحف القصر"}
    assert palace.city == {"en": "Beijing"}
