"""The dashboard pages: scopes, filters, CSV downloads, table alternatives, four languages,
harvest health for staff only, and hostile names kept as text."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from lxml import etree

from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import HarvestRun, RunKind, RunStatus, Source, SourceKind

pytestmark = pytest.mark.django_db
UI_LANGUAGES = ["en", "zh-hans", "ru", "ar"]


@pytest.fixture(autouse=True)
def english_urls():
    with translation.override("en"):
        yield


@pytest.fixture
def dated(alliance_world: dict[str, Any], make_object: Any) -> dict[str, Any]:
    palace, hermitage = alliance_world["palace"], alliance_world["hermitage"]
    make_object(
        palace,
        "bronze-1",
        titles={"en": "Ritual vessel", "zh-Hans": "礼器"},
        earliest_year=-1200,
        latest_year=-1046,
        production_country="CN",
        rights="http://creativecommons.org/publicdomain/zero/1.0/",
        media=[{"image_url": "https://img.example/1.jpg"}],
    )
    make_object(hermitage, "icon-1", titles={"ru": "Икона"}, earliest_year=1650, latest_year=1650)
    return alliance_world


def url(name: str, *args: Any, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_the_alliance_dashboard_renders_in_each_language(client, dated, language):
    response = client.get(url("web:alliance_dashboard", "silk", language=language))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'lang="{language}"' in page
    assert ('dir="rtl"' in page) == (language == "ar")
    assert page.count('class="insight-figure"') == 11
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 8  # types etc. are empty
    assert "礼器" not in page  # figures, not records: titles never appear
    # Members of the alliance only: the river alliance's Matenadaran is not counted.
    assert "Մատենադարան" not in page


def test_every_chart_is_well_formed_svg_with_a_table_alternative(client, dated):
    page = client.get(url("web:insight_dashboard")).content.decode()
    tree = etree.HTML(page)
    figures = tree.findall(".//figure")
    charted = [figure for figure in figures if figure.find(".//svg") is not None]
    assert len(charted) >= 8
    for figure in charted:
        assert figure.find(".//details/table") is not None
        assert figure.find(".//figcaption") is not None
    timeline = tree.find(".//figure[@id='figure-timeline']")
    rows = {row.findtext("th"): row.findtext("td") for row in timeline.findall(".//tbody/tr")}
    assert len(rows) == 12 + 17  # 12th century BCE to 17th century: there is no century zero
    assert (rows["12th century BCE"], rows["1st century BCE"], rows["17th century"]) == (
        "1",
        "0",
        "1",
    )


def test_a_chart_downloads_as_csv_with_the_same_numbers(client, dated):
    dashboard = url("web:alliance_dashboard", "silk")
    page = client.get(dashboard).content.decode()
    link = etree.HTML(page).find(".//figure[@id='figure-members']//a[@download]").get("href")
    response = client.get(link)
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="members.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    public = CatalogueObject.objects.filter(visibility="public")
    assert rows[0] == ["Member", "Records", "Code"]
    assert {row[2]: int(row[1]) for row in rows[1:]} == {
        code: public.filter(institution__code=code).count() for code in ("palace", "hermitage")
    }
    assert client.get(url("web:insight_figure_csv", "nonsense")).status_code == 404


def test_filters_narrow_the_dashboard_and_bars_link_to_the_search(client, dated):
    response = client.get(url("web:insight_dashboard"), {"country": "CN"})
    tree = etree.HTML(response.content.decode())
    members = tree.find(".//figure[@id='figure-members']")
    assert [row.findtext("td") for row in members.findall(".//tbody/tr")] == ["1"]
    bar = members.find(".//svg//a").get("href") or ""
    assert bar.startswith(reverse("web:search")) and "country=CN" in bar
    assert "institution=palace" in bar
    assert client.get(url("web:insight_dashboard"), {"year_from": "x"}).status_code == 400


def test_anonymous_readers_count_only_public_records(client, dated, make_user):
    anonymous = client.get(url("web:institution_dashboard", "palace")).context["coverage"]
    assert (
        anonymous.total
        == CatalogueObject.objects.filter(institution__code="palace", visibility="public").count()
    )
    staff = make_user("palace-registrar", is_superuser=True)
    client.force_login(staff)
    everything = client.get(url("web:institution_dashboard", "palace")).context["coverage"]
    assert everything.total == CatalogueObject.objects.filter(institution__code="palace").count()


def test_harvest_health_is_shown_to_staff_with_failing_sources_first(client, dated, make_user):
    palace = dated["palace"]
    good = Source.objects.create(code="palace-oai", institution=palace, kind=SourceKind.OAI_PMH)
    bad = Source.objects.create(code="palace-files", institution=palace, kind=SourceKind.FILE)
    common = {"institution": palace, "kind": RunKind.HARVEST, "format": "lido", "location": "x"}
    HarvestRun.objects.create(source=good, status=RunStatus.SUCCEEDED, **common)
    HarvestRun.objects.create(
        source=bad, status=RunStatus.FAILED, failure="<b>timed out</b>", **common
    )
    page = url("web:alliance_dashboard", "silk")
    assert "Harvest health" not in client.get(page).content.decode()
    client.force_login(make_user("secretary"))
    html = client.get(page).content.decode()
    assert "Harvest health" in html
    assert html.index("palace-files") < html.index("palace-oai")
    assert "&lt;b&gt;timed out&lt;/b&gt;" in html and "<b>timed out" not in html


def test_hostile_institution_names_stay_text(client, dated, make_institution, make_object):
    hostile = make_institution("hostile", names={"en": '<script>alert("x")</script>'})
    make_object(hostile, "h-1")
    html = client.get(url("web:insight_dashboard")).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
