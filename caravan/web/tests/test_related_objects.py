"""The related-objects section of the object page and the checklist builder's suggestions,
loaded by htmx: reasons shown, text escaped, four interface languages, the add button."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from caravan.exhibitions.models import ChecklistItem
from caravan.exhibitions.services import checklist_item_add, exhibition_create
from caravan.insight.tests.test_similar import load_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_institution: Any, make_object: Any) -> dict[str, Any]:
    return load_world(make_institution, make_object)


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_the_object_page_loads_the_section_lazily(client: Any, world: dict[str, Any]) -> None:
    page = client.get(url("web:object_detail", world["NPM-1"].pk)).content.decode()
    assert f'hx-get="{url("web:object_related", world["NPM-1"].pk)}"' in page


def test_the_section_lists_related_objects_with_reasons(client: Any, world: dict[str, Any]) -> None:
    html = client.get(url("web:object_related", world["NPM-1"].pk)).content.decode()
    assert "Related objects in other members' collections" in html
    assert "Travellers among mountains" in html and "The Met" in html
    assert "Same maker:" in html and "Qiu Ying" in html
    assert "Mountain &lt;b&gt;view&lt;/b&gt;" in html and "<b>view" not in html
    assert "V&amp;A &lt;Museum&gt;" in html
    assert "Another scholar" not in html  # the same institution's
    assert "Private scholar" not in html and "Withdrawn scholar" not in html
    assert "https://example.org/met-1.jpg" in html


@pytest.mark.parametrize("language", ["en", "zh-hans", "ru", "ar"])
def test_the_section_in_four_languages(client: Any, world: dict[str, Any], language: str) -> None:
    response = client.get(url("web:object_related", world["NPM-1"].pk, language=language))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Travellers among mountains" in html
    if language == "zh-hans":
        assert 'lang="zh-Hant">山水</bdi>' in html  # the concept's Chinese label


def test_an_object_the_reader_may_not_see_has_no_section(
    client: Any, world: dict[str, Any]
) -> None:
    assert client.get(url("web:object_related", world["MET-PRIVATE"].pk)).status_code == 404


def test_the_checklist_builder_suggests_objects_of_other_lenders(
    client: Any, world: dict[str, Any], make_user: Any
) -> None:
    curator = make_user("npm-curator", institution=world["NPM-1"].institution)
    exhibition = exhibition_create(
        code="scholars",
        titles={"en": "Scholars <abroad>"},
        lead_organiser=world["NPM-1"].institution,
        curators=[curator],
        actor=curator,
    )
    checklist_item_add(exhibition=exhibition, obj=world["NPM-1"], actor=curator)
    client.force_login(curator)
    builder = client.get(url("web:checklist_builder", "scholars")).content.decode()
    assert f'hx-get="{url("web:checklist_related", "scholars")}"' in builder
    html = client.get(url("web:checklist_related", "scholars")).content.decode()
    assert "Suggested from other members' collections" in html
    assert "Travellers among mountains" in html and "Shared subjects:" in html
    assert f'action="{url("web:checklist_add", "scholars")}"' in html
    assert f'name="object" value="{world["MET-1"].pk}"' in html
    response = client.post(
        url("web:checklist_add", "scholars"),
        {"object": world["MET-1"].pk, "search": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert ChecklistItem.objects.filter(exhibition=exhibition, object=world["MET-1"]).exists()
    html = client.get(url("web:checklist_related", "scholars")).content.decode()
    assert f'name="object" value="{world["MET-1"].pk}"' not in html  # listed now


def test_strangers_may_not_ask_for_checklist_suggestions(
    client: Any, world: dict[str, Any], make_user: Any
) -> None:
    curator = make_user("npm-curator", institution=world["NPM-1"].institution)
    exhibition_create(
        code="scholars",
        titles={"en": "Scholars"},
        lead_organiser=world["NPM-1"].institution,
        curators=[curator],
        actor=curator,
    )
    client.force_login(make_user("vam-staff", institution=world["VAM-1"].institution))
    assert client.get(url("web:checklist_related", "scholars")).status_code in (403, 404)
