"""The bundled demo data: standard-format sources that load through the real importers."""

import json
from collections import Counter

import pytest

from caravan.catalogue.models import CatalogueObject, Concept, ObjectTerm
from caravan.demo.services import (
    DEMO_DATA_DIR,
    MAPPINGS_DIR,
    DemoSource,
    demo_admin_ensure,
    demo_load,
    demo_record_count,
    demo_sources,
    sample_visibility,
)
from caravan.ingest.models import Source
from caravan.institutions.models import Alliance, Institution, Membership

OBJECTS_PER_INSTITUTION = {
    "acmi": 300,
    "amsab": 250,
    "cma": 83,
    "dm": 1,
    "hyl": 300,
    "khb": 1,
    "met": 300,
    "npm": 520,
    "tate": 400,
    "vam": 300,
}
CIT_TERMS_SHIPPED = 4064
CNE = "http://rightsstatements.org/vocab/CNE/1.0/"
IN_COPYRIGHT = "http://rightsstatements.org/vocab/InC/1.0/"


def records_at(source: DemoSource) -> int:
    """Records in a source's files, counted the way each format separates them."""
    location = DEMO_DATA_DIR / source.location
    if location.is_dir():
        return sum(1 for path in location.iterdir() if path.suffix == ".xml")
    text = location.read_text(encoding="utf-8")
    if location.suffix == ".jsonl":
        return sum(1 for line in text.splitlines() if line.strip())
    if location.suffix == ".dmp":
        return sum(1 for line in text.splitlines() if line.strip() == "$")
    return text.count("<lido:lidoRecID")


def test_every_demo_source_is_there_and_holds_the_records_it_announces():
    sources = demo_sources()
    directory = json.loads((DEMO_DATA_DIR / "institutions.json").read_text(encoding="utf-8"))
    known = {row["code"] for row in directory["institutions"]}
    assert len({source.code for source in sources}) == len(sources) == 10
    for source in sources:
        assert source.institution in known, source.code
        assert records_at(source) == source.records, source.code
        if source.format == "json":
            assert (MAPPINGS_DIR / source.mapping).is_file(), source.code
    assert {source.format for source in sources} == {"cit", "json", "edm", "lido"}
    assert demo_record_count() == sum(OBJECTS_PER_INSTITUTION.values()) == 2455


def test_demo_sources_and_licences_are_listed():
    sources = (DEMO_DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for name in ("CIT", "Tate", "ACMI", "Europeana", "LIDO", "json.dumps"):
        assert name in sources
    for source in demo_sources():
        assert f"`{source.code}`" in sources
    assert {path.name for path in (DEMO_DATA_DIR / "licences").iterdir()} >= {
        "cit-LICENSE",
        "tate-LICENCE",
        "acmi-LICENSE.md",
    }


@pytest.mark.django_db
def test_the_demo_loads_through_the_importers_and_a_second_load_changes_nothing():
    read: list[int] = []
    first = demo_load(workers=1, progress=read.append)

    assert sum(read) == demo_record_count()  # the progress bar fills exactly
    assert first.rejected == []
    assert [outcome.failure for outcome in first.sources] == [""] * 10
    assert first.objects["created"] == first.objects["seen"] == 2455
    assert first.vocabularies["cit"]["created"] == CIT_TERMS_SHIPPED
    assert dict(Counter(CatalogueObject.objects.values_list("institution__code", flat=True))) == (
        OBJECTS_PER_INSTITUTION
    )
    assert Source.objects.filter(code__startswith="demo-").count() == 10
    assert_named_records_mapped()
    assert_sample_access_rules_applied()

    counts = (Institution.objects.count(), Alliance.objects.count(), Membership.objects.count())
    stamps = dict(CatalogueObject.objects.values_list("pk", "updated_at"))
    second = demo_load(workers=1)

    assert second.rejected == []
    assert second.objects["created"] == second.objects["updated"] == 0
    assert second.objects["unchanged"] == 2455
    assert second.vocabularies["cit"] == {
        "created": 0,
        "updated": 0,
        "unchanged": CIT_TERMS_SHIPPED,
    }
    assert second.access_changed == {"members": 0, "private": 0}
    assert (Institution.objects.count(), Alliance.objects.count(), Membership.objects.count()) == (
        counts
    )
    assert dict(CatalogueObject.objects.values_list("pk", "updated_at")) == stamps
    assert Source.objects.filter(code__startswith="demo-").count() == 10
    assert Alliance.objects.filter(is_sample=False).count() == 0  # every demo alliance is labelled


def assert_named_records_mapped() -> None:
    ming = CatalogueObject.objects.get(institution__code="npm", local_id="Gu-hua-000470-00000")
    assert ming.titles == {
        "zh-Hant": "明  唐寅  函關雪霽  軸",
        "en": "Clearing After Snow in the Han Pass",
    }
    assert (ming.earliest_year, ming.latest_year, ming.date_display) == (
        1368,
        1644,
        {"en": "Ming dynasty"},
    )
    assert ming.language == "zh-Hant"
    assert ming.source_name == "demo-cit-npm"
    assert "INSTIT.INV Gu-hua-000470-00000" in ming.raw_record  # the dmp record, verbatim
    qing = CatalogueObject.objects.get(institution__code="npm", local_id="Gu-hua-000695-00000")
    assert qing.titles["zh-Hant"] == "清  王鑑  倣王蒙秋山圖  軸"
    assert (qing.earliest_year, qing.latest_year) == (1644, 1911)

    landscape = Concept.objects.get(scheme__code="cit", notation="CIT278433")
    assert landscape.pref_labels == {
        "zh-Hant": "山水",
        "zh-Latn-pinyin": "shan shui",
        "en": "landscape",
    }
    assert [broader.pref_labels["en"] for broader in landscape.broader.all()] == ["scenery"]
    assert ObjectTerm.objects.filter(object=ming, field="subject", concept=landscape).exists()

    tate = CatalogueObject.objects.get(institution__code="tate", local_id="AR00087")
    assert tate.titles == {"en": "Langhaus (Vitrine)"}
    assert (tate.rights, tate.earliest_year, tate.latest_year) == (IN_COPYRIGHT, 1953, 1962)
    assert json.loads(tate.raw_record)["all_artists"] == "Joseph Beuys"
    unknown = CatalogueObject.objects.get(institution__code="tate", local_id="A00260")
    assert unknown.rights == CNE

    ballad = CatalogueObject.objects.get(institution__code="acmi", local_id="146389")
    assert ballad.titles == {
        "en": "The Ballad of the Yellow River",
        "zh-Hans": "黄河谣",
        "zh-Latn-pinyin": "Huang He Yao",
    }
    sword = CatalogueObject.objects.get(institution__code="acmi", local_id="146391")
    assert sword.titles["zh-Hant"] == "險惡江湖逍遙劍"

    combat = CatalogueObject.objects.get(
        institution__code="amsab",
        local_id="http://hdl.handle.net/10796/0C787F5D-D4D6-40B0-B0A7-C196CD678916",
    )
    assert (combat.titles, combat.earliest_year, combat.rights) == (
        {"fr": "Combat (1966)"},
        1966,
        IN_COPYRIGHT,
    )
    enigma = CatalogueObject.objects.get(institution__code="dm")
    assert (enigma.local_id, enigma.titles, enigma.earliest_year) == (
        "DE-MUS-097410_715977",
        {"de": "Chiffriermaschine Enigma I"},
        1939,
    )


def assert_sample_access_rules_applied() -> None:
    rows = CatalogueObject.objects.values_list("institution__code", "local_id", "visibility")
    assert all(
        sample_visibility(code, local_id) == visibility for code, local_id, visibility in rows
    )
    assert Counter(visibility for _, _, visibility in rows) == {
        "public": 2339,
        "members": 100,
        "private": 16,
    }


@pytest.mark.django_db
def test_demo_administrator_is_created_once():
    assert demo_admin_ensure(password="first-Password-9") == ("admin", True)
    assert demo_admin_ensure(password="other-Password-9") == ("admin", False)
    from django.contrib.auth import authenticate

    user = authenticate(username="admin", password="first-Password-9")
    assert user is not None and user.is_superuser and user.is_secretariat
