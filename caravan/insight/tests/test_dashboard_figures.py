"""Every dashboard figure against a direct query on the same fixture records.

The dashboards count through the search index; these tests count the database row by row with
the ORM, as a registrar checking the figures by hand would.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from caravan.catalogue.models import CatalogueObject, ObjectAgent, ObjectMedia, ObjectTerm
from caravan.catalogue.quality import CRITERIA
from caravan.insight.collection import coverage
from caravan.insight.dashboards import dashboard_figures, member_score, quality_rows
from caravan.search.types import SearchRequest

pytestmark = pytest.mark.django_db

OPEN = {
    "http://creativecommons.org/publicdomain/zero/1.0/",
    "https://creativecommons.org/licenses/by/4.0/",
}
RIGHTS = [
    "http://creativecommons.org/publicdomain/zero/1.0/",
    "https://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/licenses/by-nc/4.0/",
    "http://rightsstatements.org/vocab/InC/1.0/",
    "",
]
TYPES = [("vessel", "容器"), ("painting", "绘画"), ("mirror", "镜")]
YEARS = [(-1200, -1046), (618, 907), (1368, 1644), (1650, 1650), None, (-3000, 1900)]


def _record(n: int) -> dict[str, Any]:
    """A record whose fields vary with n, so each criterion is met by some records, not all."""
    record: dict[str, Any] = {"titles": {"en": f"Object {n}"}}
    if n % 2:
        record["titles"]["zh-Hans"] = f"文物{n}"
    if n % 3:
        record["descriptions"] = {"en": f"Described object {n}"}
    _classify(n, record)
    if n % 6 in (1, 2):
        record["agents"] = [{"kind": "person", "names": {"en": f"Maker {n % 4}"}}]
    if n % 7:
        record["production_country"] = ["CN", "IR", "AM"][n % 3]
    _date(n, record)
    record["rights"] = RIGHTS[n % len(RIGHTS)]
    if n % 3 == 1:
        record["media"] = [{"image_url": f"https://img.example/{n}.jpg"}]
    record["visibility"] = "private" if n % 9 == 8 else "public"
    return record


def _classify(n: int, record: dict[str, Any]) -> None:
    english, chinese = TYPES[n % len(TYPES)]
    if n % 4:
        record["object_types"] = [
            {"text": english, "lang": "en", "concept": _concept(english, chinese)}
        ]
    elif n % 8 == 0:
        record["object_types"] = [{"text": english, "lang": "en"}]  # not linked to a concept
    if n % 5:
        record["materials"] = [{"text": "bronze" if n % 2 else "silk", "lang": "en"}]


def _date(n: int, record: dict[str, Any]) -> None:
    years = YEARS[n % len(YEARS)]
    if years:
        record["earliest_year"], record["latest_year"] = years
    if years == (618, 907):
        record["date_display"] = {"en": "Tang dynasty"} if n % 2 else {"zh-Hans": "唐代"}
    elif years == (1368, 1644):
        record["date_display"] = {"en": "Ming dynasty"}


def _concept(english: str, chinese: str) -> dict[str, Any]:
    return {"scheme": "types", "notation": english, "labels": {"en": english, "zh-Hans": chinese}}


@pytest.fixture
def collection(alliance_world: dict[str, Any], make_object: Any) -> dict[str, Any]:
    """27 varied records spread over the three alliance members and the outsider."""
    holders = [alliance_world[code] for code in ("palace", "hermitage", "yerevan", "outsider")]
    for n in range(27):
        make_object(holders[n % len(holders)], f"rec-{n}", **_record(n))
    return alliance_world


def _public() -> QuerySet[CatalogueObject]:
    return CatalogueObject.objects.filter(visibility="public", withdrawn_at__isnull=True)


def _without(model: Any, **match: Any) -> Any:
    return ~Exists(model.objects.filter(object=OuterRef("pk"), **match))


def _figures(request: SearchRequest) -> tuple[Any, dict[str, Any]]:
    found = coverage(request, user=AnonymousUser())
    return found, dashboard_figures(found, lang="en", link=lambda filters: "")


def test_the_totals_by_member_and_country_are_the_database_counts(collection):
    found, figures = _figures(SearchRequest())
    expected = Counter(_public().values_list("institution__code", flat=True))
    assert found.total == _public().count() == sum(expected.values())
    assert {row[2]: row[1] for row in figures["members"].rows} == expected
    countries = Counter(
        _public().exclude(production_country="").values_list("production_country", flat=True)
    )
    assert {row[2]: row[1] for row in figures["countries"].rows} == countries
    assert {row[0] for row in figures["countries"].rows} >= {"China", "Iran", "Armenia"}


def test_object_types_and_materials_count_objects_not_terms(collection):
    _found, figures = _figures(SearchRequest())
    typed = ObjectTerm.objects.filter(field="object_type", object__in=_public())
    by_concept = Counter(
        typed.exclude(concept=None).values_list("concept__notation", flat=True).distinct()
    )
    linked = {row[0]: row[1] for row in figures["object_types"].rows if row[2].startswith("c")}
    assert linked == {
        notation: typed.filter(concept__notation=notation).values("object").distinct().count()
        for notation in by_concept
    }
    materials = ObjectTerm.objects.filter(field="material", object__in=_public())
    assert {row[0]: row[1] for row in figures["materials"].rows} == {
        text: materials.filter(text=text).values("object").distinct().count()
        for text in set(materials.values_list("text", flat=True))
    }


def test_periods_count_the_records_whose_date_names_them_in_any_language(collection):
    _found, figures = _figures(SearchRequest())
    periods = {row[2]: row[1] for row in figures["periods"].rows}
    public = _public()
    assert periods == {
        "tang": public.filter(
            date_display__in=[{"en": "Tang dynasty"}, {"zh-Hans": "唐代"}]
        ).count(),
        "ming": public.filter(date_display={"en": "Ming dynasty"}).count(),
    }
    assert [row[0] for row in figures["periods"].rows] == ["Tang dynasty", "Ming dynasty"]


def test_the_timeline_counts_each_dated_record_in_the_century_of_its_middle_year(collection):
    found, figures = _figures(SearchRequest())
    expected: Counter[int] = Counter()
    for earliest, latest in (
        _public().exclude(earliest_year=None).values_list("earliest_year", "latest_year")
    ):
        assert earliest is not None and latest is not None
        if latest - earliest > 600:
            continue  # too loosely dated to place in one century
        middle = (earliest + latest) // 2
        expected[(middle - 1) // 100 + 1 if middle > 0 else -((-middle - 1) // 100 + 1)] += 1
    shown = {row[2]: row[1] for row in figures["timeline"].rows}
    assert {century: count for century, count in shown.items() if count} == expected
    # Every century from the earliest to the latest is a column, empty or not (no century 0).
    assert list(shown) == [c for c in range(min(expected), max(expected) + 1) if c != 0]
    assert figures["timeline"].rows[0][0] == "12th century BCE"
    assert found.dated == sum(expected.values())


def test_image_and_licence_shares_per_member(collection):
    _found, figures = _figures(SearchRequest())
    codes = {row[0]: row[2] for row in figures["members"].rows}
    with_media = _public().filter(Exists(ObjectMedia.objects.filter(object=OuterRef("pk"))))
    assert len(figures["images"].rows) == 4
    for name, percent, part, total in figures["images"].rows:
        assert total == _public().filter(institution__code=codes[name]).count()
        assert part == with_media.filter(institution__code=codes[name]).count()
        assert percent == round(100 * part / total, 1)
    for name, _percent, part, _total in figures["open_licences"].rows:
        assert part == _public().filter(institution__code=codes[name], rights__in=OPEN).count()


def test_each_completeness_criterion_counts_the_records_that_fail_it(collection):
    found, figures = _figures(SearchRequest())
    public = _public()
    single_language = [obj.pk for obj in public if len(obj.titles) < 2]
    failing = {
        "title": public.filter(titles={}).count(),
        "description": public.filter(descriptions={}).count(),
        "date": public.filter(earliest_year=None).count(),
        "object_type": public.filter(
            _without(ObjectTerm, field="object_type", concept__isnull=False)
        ).count(),
        "material": public.filter(_without(ObjectTerm, field="material")).count(),
        "maker": public.filter(_without(ObjectAgent)).count(),
        "place": public.filter(production_country="", production_place={}).count(),
        "rights": public.filter(rights="").count(),
        "image": public.filter(_without(ObjectMedia)).count(),
        "multilingual": len(single_language),
    }
    assert {row[3]: row[2] for row in figures["completeness"].rows} == failing
    assert all(0 < count < found.total for code, count in failing.items() if code != "title")
    # The per-member table links each failing count to the search for exactly those records.
    rows = quality_rows(found, lang="en", link=lambda filters: repr(sorted(filters.items())))
    palace = next(row for row in rows if row.code == "palace")
    palace_public = public.filter(institution__code="palace")
    for criterion, count, met, url in palace.criteria:
        assert url == repr(sorted({"missing": criterion.code, "institution": "palace"}.items()))
        assert met == round(100 * (palace_public.count() - count) / palace_public.count(), 1)
    score = member_score(found.members[collection["palace"].pk])
    assert (
        palace.score
        == score
        == round(
            100 * (1 - sum(count for _c, count, _m, _u in palace.criteria) / (10 * palace.total)), 1
        )
    )
    assert len(palace.criteria) == len(CRITERIA)


def test_tiers_follow_the_rules_record_by_record(collection):
    found, _unused = _figures(SearchRequest())
    expected: Counter[int] = Counter()
    for obj in (
        _public().filter(institution__code="palace").prefetch_related("terms", "agents", "media")
    ):
        gaps = set()
        if not obj.rights:
            gaps.add("rights")
        typed = any(t.field == "object_type" and t.concept_id for t in obj.terms.all())
        place = bool(obj.production_country or obj.production_place)
        if obj.earliest_year is None or not typed or not (obj.agents.exists() or place):
            gaps.add("b")
        if not obj.descriptions or not obj.media.exists() or len(obj.titles) < 2:
            gaps.add("c")
        expected[0 if "rights" in gaps else 1 if "b" in gaps else 2 if "c" in gaps else 3] += 1
    assert found.members[collection["palace"].pk].tiers == {k: v for k, v in expected.items() if v}


def test_growth_adds_up_the_records_by_month_added(collection):
    old = CatalogueObject.objects.get(local_id="rec-0")
    CatalogueObject.objects.filter(pk=old.pk).update(
        created_at=datetime.datetime(2024, 3, 5, tzinfo=datetime.UTC)
    )
    CatalogueObject.objects.filter(pk=old.pk).first().save()  # saved again: re-indexed
    _found, figures = _figures(SearchRequest())
    months = Counter(
        f"{created:%Y-%m}" for created in _public().values_list("created_at", flat=True)
    )
    rows = figures["growth"].rows
    assert {row[0]: row[2] for row in rows} == months
    assert rows[0][0] == "2024-03" and rows[-1][1] == _public().count()


def test_filters_narrow_every_figure_alike(collection):
    request = SearchRequest(filters={"alliance": ("silk",), "country": ("CN",)})
    found, figures = _figures(request)
    narrowed = _public().filter(
        institution__code__in=["palace", "hermitage"], production_country="CN"
    )
    assert found.total == narrowed.count() > 0
    assert sum(row[1] for row in figures["members"].rows) == narrowed.count()
    assert {row[2] for row in figures["members"].rows} <= {"palace", "hermitage"}
