"""The public virtual exhibition: who sees it, in which language, with which objects."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from caravan.exhibitions.services import exhibition_create, exhibition_status_change
from caravan.exhibitions.tests.exhibition_world import BOOKS, HOSTILE_LABEL, ROAD, build_exhibition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def iiif_cache(tmp_path: Path, settings: Any) -> None:
    settings.CARAVAN_IIIF_CACHE_DIR = tmp_path / "iiif-cache"


@pytest.fixture
def show(alliance_world: dict[str, Any], make_user: Any, make_object: Any) -> SimpleNamespace:
    return build_exhibition(alliance_world, make_user, make_object)


def page_url(code: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse("web:exhibition_public", args=[code])


def page(client: Client, code: str, language: str = "en") -> str:
    response = client.get(page_url(code, language))
    assert response.status_code == 200
    return response.content.decode()


def test_an_open_exhibition_is_public(client: Client, show: Any) -> None:
    html = page(client, show.exhibition.code)
    assert '<h1 lang="en" dir="ltr">Along the Silk Roads</h1>' in html
    assert "Treasures of three collections" in html
    assert "Preview" not in html
    # The itinerary, in order.
    assert html.index("March 1, 2031") < html.index("May 30, 2031")
    # The sections, in the order of their first object, with their objects.
    road, books = html.index(ROAD["en"]), html.index(BOOKS["en"])
    assert road < html.index("Bronze mirror") < html.index("Silk textile fragment") < books
    assert books < html.index("Illuminated gospel") < html.index("Stone seal")
    # Links to the IIIF collection and the printable catalogue.
    assert f'href="/iiif/exhibitions/{show.exhibition.code}/collection"' in html
    assert f'href="/exhibitions/{show.exhibition.code}/catalogue.pdf"' in html


def test_each_object_links_to_its_page_with_image_lender_and_credit_line(
    client: Client, show: Any
) -> None:
    html = page(client, show.exhibition.code)
    for key in ("mirror", "textile", "gospel", "seal"):
        assert f'href="{reverse("web:object_detail", args=[show.objects[key].pk])}"' in html
    # Hosted images through the IIIF Image service, at thumbnail size.
    assert 'src="/iiif/image/pub-mirror/full/' in html
    assert 'src="/iiif/image/pub-textile/full/' in html
    textile = html[html.index(f'id="object-{show.objects["textile"].pk}"') :]
    textile = textile[: textile.index("</li>")]
    assert "Lent by" in textile and "Hermitage" in textile
    # The credit line agreed in the approved loan.
    assert "Lent by the State Hermitage Museum" in textile
    mirror = html[html.index(f'id="object-{show.objects["mirror"].pk}"') :]
    mirror = mirror[: mirror.index("</li>")]
    assert "Lent by" not in mirror and "Palace Museum, Beijing" in mirror
    lenders = html[html.index('id="lenders-heading"') :]
    assert "Hermitage" in lenders and "Մատենադարան" in lenders and "Palace" not in lenders


def test_objects_the_reader_may_not_see_are_left_out(
    client: Client, show: Any, make_user: Any
) -> None:
    html = page(client, show.exhibition.code)
    assert "Members-only scroll" not in html
    assert "pub-scroll" not in html
    assert "1 further object of the exhibition is not shown to you." in html
    # The Palace Museum's staff share an alliance with the Hermitage: they see the scroll.
    client.force_login(show.people.curator)
    html = page(client, show.exhibition.code)
    assert "Members-only scroll" in html and "further object" not in html


@pytest.mark.parametrize(
    ("language", "title", "section", "label", "direction"),
    [
        ("en", "Along the Silk Roads", ROAD["en"], "A mirror cast for a bride.", "ltr"),
        ("zh-hans", "丝绸之路", ROAD["zh-Hans"], "为新娘铸造的铜镜。", "ltr"),
        ("ar", "على طرق الحرير", ROAD["ar"], "مرآة صبت لعروس.", "rtl"),
    ],
)
def test_texts_come_in_the_readers_language(
    client: Client,
    show: Any,
    language: str,
    title: str,
    section: str,
    label: str,
    direction: str,
) -> None:
    html = page(client, show.exhibition.code, language)
    tag = {"en": "en", "zh-hans": "zh-Hans", "ar": "ar"}[language]
    assert re.search(rf'<html lang="{language}" dir="{direction}">', html)
    assert f'<h1 lang="{tag}" dir="{direction}">{title}</h1>' in html
    assert f'<h2 lang="{tag}" dir="{direction}">{section}</h2>' in html
    assert f'<p class="exhibit-label" lang="{tag}" dir="{direction}">{label}</p>' in html
    # A text the record has only in English stays English, marked as such.
    assert 'lang="en" dir="ltr">Diam. 21.5 cm</span>' in html


def test_a_hostile_label_is_shown_as_text(client: Client, show: Any) -> None:
    html = page(client, show.exhibition.code)
    assert HOSTILE_LABEL not in html
    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(&#x27;label&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
        in html
    )


def test_exhibitions_not_open_are_not_public(
    client: Client, show: Any, alliance_world: dict[str, Any]
) -> None:
    planned = exhibition_create(
        code="in-planning",
        titles={"en": "Still in planning"},
        lead_organiser=alliance_world["palace"],
        actor=show.people.curator,
    )
    assert client.get(page_url(planned.code)).status_code == 404
    assert client.get(page_url("no-such-exhibition")).status_code == 404
    client.force_login(show.people.louvre)
    assert client.get(page_url(planned.code)).status_code == 404
    # The people working on it see a preview.
    client.force_login(show.people.curator)
    html = page(client, planned.code)
    assert 'class="preview-banner"' in html and "Still in planning" in html
    # A closed exhibition stays public, a cancelled one does not.
    client.logout()
    exhibition_status_change(exhibition=show.exhibition, to="closed", actor=show.people.curator)
    assert "Along the Silk Roads" in page(client, show.exhibition.code)
    exhibition_status_change(exhibition=planned, to="cancelled", actor=show.people.curator)
    assert client.get(page_url(planned.code)).status_code == 404
