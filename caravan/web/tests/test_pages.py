import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

UI_LANGUAGES = ["en", "zh-hans", "ru", "ar"]


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def html_attributes(content):
    match = re.search(r"<html lang=\"([^\"]+)\" dir=\"([^\"]+)\">", content)
    return match.groups() if match else None


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_page_renders_in_every_interface_language(client, alliance_world, language):
    obj = alliance_world["objects"][("palace", "public")]
    pages = [
        url_in(language, "web:home"),
        url_in(language, "web:object_list"),
        url_in(language, "web:object_detail", obj.pk),
        url_in(language, "web:institution_list"),
        url_in(language, "web:institution_detail", "palace"),
        url_in(language, "web:alliance_detail", "silk"),
    ]
    expected_direction = "rtl" if language == "ar" else "ltr"
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert html_attributes(response.content.decode()) == (language, expected_direction), page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Collections"), ("zh-hans", "馆藏"), ("ru", "Коллекции"), ("ar", "المجموعات")],
)
def test_the_interface_is_translated(client, alliance_world, language, expected):
    response = client.get(url_in(language, "web:home"))
    assert expected in response.content.decode()


def test_home_lists_institutions_with_names_in_the_readers_language(client, alliance_world):
    english = client.get("/").content.decode()
    assert "Palace Museum" in english
    chinese = client.get(url_in("zh-hans", "web:home")).content.decode()
    assert '<span lang="zh-Hans" dir="ltr">故宫博物院</span>' in chinese
    # no Armenian reader: the Armenian-only name is shown, tagged as Armenian
    assert '<span lang="hy" dir="ltr">Մատենադարան</span>' in english


def test_record_text_carries_its_own_language(client, make_institution, make_object):
    museum = make_institution("npm", country="TW")
    obj = make_object(
        museum, "1", titles={"zh-Hant": "山水清音圖", "en": "Pure Tones"}, language="en"
    )
    page = client.get(url_in("ar", "web:object_detail", obj.pk)).content.decode()
    assert '<h1 lang="en" dir="ltr">Pure Tones</h1>' in page
    assert '<li lang="zh-Hant">山水清音圖</li>' in page


def test_untrusted_record_text_is_escaped(client, make_institution, make_object):
    museum = make_institution("npm", names={"en": "<b>Evil</b> museum"}, country="TW")
    obj = make_object(museum, "x", titles={"en": '<script>alert("t")</script>'})
    for page in ("/", reverse("web:object_detail", args=[obj.pk]), "/institutions/npm/"):
        content = client.get(page).content.decode()
        assert "<script>alert" not in content
        assert "<b>Evil</b>" not in content
    detail = client.get(reverse("web:object_detail", args=[obj.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in detail


def test_hidden_objects_are_not_shown_to_the_public(client, alliance_world):
    private = alliance_world["objects"][("palace", "private")]
    members_only = alliance_world["objects"][("hermitage", "members")]
    assert client.get(reverse("web:object_detail", args=[private.pk])).status_code == 404
    assert client.get(reverse("web:object_detail", args=[members_only.pk])).status_code == 404
    listing = client.get(reverse("web:object_list")).content.decode()
    assert "palace-private" not in listing and "Object palace-private" not in listing
    assert "Object palace-public" in listing


def test_members_see_members_only_objects_of_partners(client, alliance_world, make_user):
    client.force_login(make_user("li", institution=alliance_world["palace"]))
    members_only = alliance_world["objects"][("hermitage", "members")]
    assert client.get(reverse("web:object_detail", args=[members_only.pk])).status_code == 200


def test_object_list_paginates_and_answers_htmx_with_the_grid_only(
    client, make_institution, make_object, settings
):
    settings.CARAVAN_PAGE_SIZE = 5
    museum = make_institution("npm", country="TW")
    for number in range(12):
        make_object(museum, f"n{number}")
    full = client.get(reverse("web:object_list"), {"page": 2}).content.decode()
    assert "Page 2 of 3" in full and "<html" in full
    partial = client.get(reverse("web:object_list"), {"page": 3}, HTTP_HX_REQUEST="true")
    content = partial.content.decode()
    assert "<html" not in content
    assert content.count('class="object-card"') == 2


def test_object_list_filters_by_institution(client, alliance_world):
    page = client.get(reverse("web:object_list"), {"institution": "hermitage"}).content.decode()
    assert "Object hermitage-public" in page
    assert "Object palace-public" not in page


def test_alliance_page_counts_members_by_country(client, alliance_world):
    page = client.get(reverse("web:alliance_detail", args=["river"])).content.decode()
    assert "2 members in 2 countries" in page
    assert "Armenia" in page and "Russian Federation" in page


def test_sample_alliances_are_labelled(client, alliance_world):
    from caravan.institutions.models import Alliance

    assert "Sample data" not in client.get("/").content.decode()
    Alliance.objects.filter(code="silk").update(is_sample=True)
    page = client.get("/").content.decode()
    assert "Sample data" in page
    assert "sample-banner" in page


def test_unknown_pages_are_404(client, db):
    assert client.get("/institutions/nowhere/").status_code == 404
    assert client.get("/objects/999999/").status_code == 404


def test_every_page_names_its_other_language_versions(client, alliance_world):
    page = client.get(reverse("web:institution_detail", args=["palace"])).content.decode()
    for code, prefix in [("zh-hans", "/zh-hans"), ("ru", "/ru"), ("ar", "/ar"), ("en", "")]:
        assert f'<link rel="alternate" hreflang="{code}" href="{prefix}/institutions/palace/">' in (
            page
        )
