"""Linked Art records of catalogue objects: each validates against the Linked Art API 1.0 JSON
Schemas (both sets in fixtures/linked_art_schema) and says what the catalogue record says."""

from __future__ import annotations

import re
import shutil

import pytest

from caravan.api.linked_art import CONTEXT, iiif_manifest_path, object_document, xsd_datetime
from caravan.api.tests.linked_art_schema import schema_errors
from caravan.catalogue.models import CatalogueObject, ObjectMedia
from caravan.search.tests.corpus import corpus_path, import_file, make_institution

pytestmark = pytest.mark.django_db

BASE = "https://caravan.example.org"
AAT = "http://vocab.getty.edu/aat/"
CHINESE, ARABIC, ARMENIAN, ENGLISH = (
    AAT + n for n in ("300388113", "300387843", "300387870", "300388277")
)
PRIMARY, ALTERNATE = AAT + "300404670", AAT + "300264273"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"
PUBLIC_DOMAIN = "https://creativecommons.org/publicdomain/zero/1.0/"
ULAN_WANG = "http://vocab.getty.edu/ulan/500321823"
# xsd:dateTime as Linked Art writes it: optional minus, four or more year digits, seconds, Z.
XSD_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def concept(notation: str, label: str, uri: str = "") -> dict[str, object]:
    return {"scheme": "aat", "notation": notation, "labels": {"en": label}, "uri": uri}


@pytest.fixture
def palace(make_institution):
    return make_institution("palace", names={"en": "Palace Museum", "zh-Hans": "故宫博物院"})


@pytest.fixture
def bell(palace, make_object):
    """A Warring States bronze bell: BCE dates, four title languages, both kinds of terms,
    two makers (one with an authority URI), an image with a IIIF service, rights."""
    return make_object(
        palace,
        "GU-1234",
        language="zh-Hans",
        titles={
            "zh-Hans": "青铜编钟",
            "zh-Hant": "青銅編鐘",
            "en": "Bronze bell",
            "ar": "جرس برونزي",
            "hy": "Բրոնզե զանգ",
        },
        descriptions={"en": "A bell from a chime.", "zh-Hans": "编钟之一。"},
        inscriptions={"zh-Hans": "曾侯乙作持"},
        dimensions={"en": "H. 45 cm"},
        credit_line={"en": "Gift of the People's Republic"},
        object_types=[
            {
                "text": "bell",
                "lang": "en",
                "concept": concept("300041627", "bells", AAT + "300041627"),
            },
            {"text": "ritual vessel", "lang": "en"},
            {"text": "礼器", "lang": "zh-Hans"},
        ],
        materials=[
            {
                "text": "bronze",
                "lang": "en",
                "concept": concept("300010957", "bronze", AAT + "300010957"),
            },
            {"text": "gold inlay", "lang": "en"},
        ],
        techniques=[
            {
                "text": "casting",
                "lang": "en",
                "concept": concept("300053112", "casting", AAT + "300053112"),
            },
            {"text": "lost-wax", "lang": "en", "concept": concept("local-1", "lost wax")},
        ],
        subjects=[{"text": "music", "lang": "en"}],
        agents=[
            {
                "names": {"en": "Wang Xizhi", "zh-Hans": "王羲之"},
                "uri": ULAN_WANG,
                "role": {"en": "calligrapher", "zh-Hans": "书法家"},
            },
            {"names": {"en": "Zeng workshop"}, "kind": "group"},
            {
                "names": {"en": "Chu culture"},
                "kind": "culture",
                "uri": "http://www.wikidata.org/entity/Q1053364",
            },
        ],
        production_place={"en": "Suizhou", "zh-Hans": "随州"},
        production_country="CN",
        date_display={"en": "Warring States, 5th century BCE", "zh-Hans": "战国"},
        earliest_year=-500,
        latest_year=-221,
        rights=CC_BY,
        web_page="https://www.dpm.org.cn/collection/1234",
        media=[
            {
                "image_url": "https://img.example.org/bell.jpg",
                "thumbnail_url": "https://img.example.org/bell-t.jpg",
                "iiif_service": "https://iiif.example.org/iiif/3/bell",
                "caption": {"en": "Front view"},
                "rights": PUBLIC_DOMAIN,
            },
            {"image_url": "https://img.example.org/bell-back.png"},
        ],
    )


def document_for(obj: CatalogueObject) -> dict:
    loaded = (
        CatalogueObject.objects.select_related("institution")
        .prefetch_related("terms__concept", "agents", "media")
        .get(pk=obj.pk)
    )
    return object_document(loaded, base_url=BASE + "/")


def classified(entity: dict) -> set[str]:
    return {kind["id"] for kind in entity.get("classified_as", [])}


def statements_of(document: dict, aat_id: str) -> list[dict]:
    return [s for s in document.get("referred_to_by", []) if AAT + aat_id in classified(s)]


def test_a_full_record_validates_and_says_what_the_catalogue_says(bell):
    document = document_for(bell)
    assert schema_errors(document) == []
    assert document["@context"] == CONTEXT == "https://linked.art/ns/v1/linked-art.json"
    assert document["id"] == f"{BASE}/api/v1/objects/{bell.pk}"
    assert (document["type"], document["_label"]) == ("HumanMadeObject", "Bronze bell")


def test_titles_are_names_in_their_languages(bell):
    names = [n for n in document_for(bell)["identified_by"] if n["type"] == "Name"]
    # The record's own language first, then by tag; zh-Hant is Chinese too: an alternate name.
    assert [(n["content"], n["language"][0]["id"], classified(n)) for n in names] == [
        ("青铜编钟", CHINESE, {PRIMARY}),
        ("جرس برونزي", ARABIC, {PRIMARY}),
        ("Bronze bell", ENGLISH, {PRIMARY}),
        ("Բրոնզե զանգ", ARMENIAN, {PRIMARY}),
        ("青銅編鐘", CHINESE, {ALTERNATE}),
    ]
    assert names[3]["language"][0]["_label"] == "Armenian"


def test_the_local_identifier(bell):
    (identifier,) = [i for i in document_for(bell)["identified_by"] if i["type"] == "Identifier"]
    assert identifier["content"] == "GU-1234"
    assert classified(identifier) == {AAT + "300404621"}  # Local Number


def test_concept_linked_terms_are_types_and_literal_terms_are_statements(bell):
    document = document_for(bell)
    (work_type, culture) = document["classified_as"]
    assert (work_type["id"], work_type["_label"]) == (AAT + "300041627", "bells")
    assert classified(work_type) == {AAT + "300435443"}  # Type of Work
    assert culture["id"] == "http://www.wikidata.org/entity/Q1053364"
    assert classified(culture) == {AAT + "300055768"}
    assert document["made_of"] == [
        {"id": AAT + "300010957", "type": "Material", "_label": "bronze"}
    ]
    (materials,) = statements_of(document, "300435429")
    assert materials["content"] == "gold inlay"
    object_types = [
        s
        for s in statements_of(document, "300027200")
        if s["identified_by"][0]["content"] == "Object type"
    ]
    assert sorted(s["content"] for s in object_types) == ["ritual vessel", "礼器"]
    production = document["produced_by"]
    assert production["technique"] == [
        {"id": AAT + "300053112", "type": "Type", "_label": "casting"}
    ]
    assert production["referred_to_by"][0]["content"] == "lost-wax"  # its concept has no URI


def test_descriptions_inscriptions_dimensions_credit_and_rights_are_statements(bell):
    document = document_for(bell)
    descriptions = statements_of(document, "300435416")
    assert [(s["content"], s["language"][0]["id"]) for s in descriptions] == [
        ("编钟之一。", CHINESE),
        ("A bell from a chime.", ENGLISH),
    ]
    assert [s["content"] for s in statements_of(document, "300435414")] == ["曾侯乙作持"]
    assert [s["content"] for s in statements_of(document, "300435430")] == ["H. 45 cm"]
    assert [s["content"] for s in statements_of(document, "300026687")] == [
        "Gift of the People's Republic"
    ]
    (rights,) = statements_of(document, "300435434")
    assert rights["content"] == "CC BY 4.0"
    assert CC_BY in classified(rights)
    # Every statement type carries the Brief Text meta-type Linked Art requires.
    for statement in descriptions:
        kind = statement["classified_as"][0]
        assert kind["classified_as"][0]["id"] == AAT + "300418049"


def test_the_production_with_makers_place_and_bce_dates(bell):
    production = document_for(bell)["produced_by"]
    own_id = f"{BASE}/api/v1/objects/{bell.pk}"
    assert production["carried_out_by"] == [
        {"id": ULAN_WANG, "type": "Person", "_label": "Wang Xizhi"},
        {"id": f"{own_id}#maker-2", "type": "Group", "_label": "Zeng workshop"},
    ]
    (part,) = production["part"]  # only the first maker has a role
    assert part["carried_out_by"][0]["id"] == ULAN_WANG
    assert [r["content"] for r in part["referred_to_by"]] == ["书法家", "calligrapher"]
    assert production["took_place_at"] == [
        {"id": f"{own_id}#production-place", "type": "Place", "_label": "Suizhou"}
    ]
    span = production["timespan"]
    assert span["begin_of_the_begin"] == "-0500-01-01T00:00:00Z"
    assert span["end_of_the_end"] == "-0221-12-31T23:59:59Z"
    assert [n["content"] for n in span["identified_by"]] == [
        "战国",
        "Warring States, 5th century BCE",
    ]
    assert classified(span["identified_by"][0]) == {AAT + "300404669"}  # Display Name


def test_owner_pages_manifest_and_images(bell):
    document = document_for(bell)
    assert document["current_owner"] == [
        {"id": f"{BASE}/institutions/palace/", "type": "Group", "_label": "Palace Museum"}
    ]
    carried = [page["digitally_carried_by"][0] for page in document["subject_of"]]
    access = [digital["access_point"][0]["id"] for digital in carried]
    assert access == [
        f"{BASE}/objects/{bell.pk}/",
        "https://www.dpm.org.cn/collection/1234",
        BASE + iiif_manifest_path(bell.pk),
    ]
    assert iiif_manifest_path(bell.pk) == f"/iiif/objects/{bell.pk}/manifest"
    assert carried[2]["conforms_to"] == [
        {"id": "http://iiif.io/api/presentation/", "type": "InformationObject"}
    ]
    first, second = document["representation"]
    image = first["digitally_shown_by"][0]
    assert image["access_point"] == [
        {"id": "https://img.example.org/bell.jpg", "type": "DigitalObject"}
    ]
    assert image["format"] == "image/jpeg"
    service = image["digitally_available_via"][0]
    assert service["access_point"][0]["id"] == "https://iiif.example.org/iiif/3/bell"
    assert first["_label"] == "Front view"
    # The image's own rights, and the object's rights for an image that states none.
    assert PUBLIC_DOMAIN in classified(first["referred_to_by"][-1])
    assert CC_BY in classified(second["referred_to_by"][-1])
    assert second["digitally_shown_by"][0]["format"] == "image/png"


def test_an_object_without_images_rights_dates_or_makers(palace, make_object):
    plain = make_object(palace, "P-1", titles={"en": "Fragment"})
    document = document_for(plain)
    assert schema_errors(document) == []
    assert "representation" not in document and "produced_by" not in document
    assert "made_of" not in document and "classified_as" not in document
    assert statements_of(document, "300435434") == []  # no rights statement
    (page,) = document["subject_of"]  # the page here, no manifest without images
    assert page["digitally_carried_by"][0]["access_point"][0]["id"] == f"{BASE}/objects/{plain.pk}/"


def test_an_image_caravan_hosts_is_shown_through_its_iiif_image_service(palace, make_object):
    obj = make_object(palace, "H-1", titles={"en": "Hosted"})
    ObjectMedia.objects.create(
        object=obj,
        hosted_id="h-1-front",
        image_file="hosted-images/h-1-front/front.tif",
        caption={"en": "Front"},
    )
    thumbnail_only = make_object(
        palace, "T-1", media=[{"thumbnail_url": "https://img.example.org/t.jpg"}]
    )
    document = document_for(obj)
    assert schema_errors(document) == []
    image = document["representation"][0]["digitally_shown_by"][0]
    service = f"{BASE}/iiif/image/h-1-front"
    assert image["access_point"][0]["id"] == f"{service}/full/max/0/default.jpg"
    assert image["digitally_available_via"][0]["access_point"][0]["id"] == service
    manifest = f"{BASE}/iiif/objects/{obj.pk}/manifest"
    assert manifest in {
        p["digitally_carried_by"][0]["access_point"][0]["id"] for p in document["subject_of"]
    }
    # A thumbnail is an image to show too: the manifest is there.
    other = document_for(thumbnail_only)
    assert schema_errors(other) == []
    assert len(other["subject_of"]) == 2 and len(other["representation"]) == 1


def test_a_language_linked_art_has_no_term_for_stays_without_a_language(palace, make_object):
    obj = make_object(
        palace,
        "L-1",
        language="lzh",
        titles={"lzh": "論語", "en": "Analects"},
        earliest_year=-479,
        latest_year=-400,
    )
    document = document_for(obj)
    assert schema_errors(document) == []
    classical, english = document["identified_by"][:2]
    assert classical == {
        "type": "Name",
        "content": "論語",
        "classified_as": classical["classified_as"],
    }
    assert english["language"][0]["id"] == ENGLISH
    assert document["_label"] == "Analects"


def test_a_place_and_a_date_given_only_in_part(palace, make_object):
    obj = make_object(
        palace,
        "D-1",
        titles={"ru": "Чаша"},
        language="ru",
        latest_year=1700,
        production_place_uri="http://sws.geonames.org/524901/",
        agents=[{"names": {"ru": "неизвестный мастер"}}],
    )
    document = document_for(obj)
    assert schema_errors(document) == []
    production = document["produced_by"]
    assert production["timespan"] == {"type": "TimeSpan", "end_of_the_end": "1700-12-31T23:59:59Z"}
    assert production["took_place_at"][0]["id"] == "http://sws.geonames.org/524901/"
    assert production["carried_out_by"][0]["_label"] == "неизвестный мастер"
    assert document["_label"] == "Чаша"


def test_the_schemas_do_refuse_what_linked_art_does_not_allow(bell):
    """The validation has teeth: `subject_to` on the object, a Language without an id, a
    missing label are all refused — which is why rights are statements here."""
    document = document_for(bell)
    assert schema_errors({**document, "subject_to": [{"type": "Right"}]})
    name = {"type": "Name", "content": "x", "language": [{"type": "Language", "_label": "Kazakh"}]}
    assert schema_errors({**document, "identified_by": [name]})
    without_label = {key: value for key, value in document.items() if key != "_label"}
    assert schema_errors(without_label)


@pytest.mark.parametrize(
    ("year", "end", "expected"),
    [
        (-500, False, "-0500-01-01T00:00:00Z"),
        (-221, True, "-0221-12-31T23:59:59Z"),
        (-1, False, "-0001-01-01T00:00:00Z"),  # 1 BCE: no year zero, as in XML Schema 1.0
        (7, False, "0007-01-01T00:00:00Z"),
        (1642, True, "1642-12-31T23:59:59Z"),
        (-12000, False, "-12000-01-01T00:00:00Z"),
    ],
)
def test_years_as_xsd_datetimes(year, end, expected):
    assert xsd_datetime(year, end=end) == expected
    assert XSD_DATETIME.fullmatch(expected)


# Real records from the shared corpus, through the real importers (skipped without the corpus).
# The corpus has no CSV of objects with titles (Tate's simplified CSV holds only accession
# numbers and thumbnails), so the formats are LIDO, EDM, the CIT catalogue and JSON.

CJK_ESCAPE = re.compile(r"\\u[4-9][0-9a-f]{3}")


def _cit_subset(destination):
    """The first 150 CIT records and every record dated BCE, as a smaller catalogue file."""
    records = corpus_path("cit_chinese_art_catalog", "CATALOG.dmp").read_text(encoding="utf-8")
    chunks = records.split("\n$\n")
    chosen = chunks[:150] + [c for c in chunks[150:] if re.search(r"^DATE .*\bBC\b", c, re.M)]
    path = destination / "cit-subset.dmp"
    path.write_text("\n$\n".join(chosen) + "\n$\n", encoding="utf-8")
    return path


def _some_files(folder, destination, *, count, also=lambda path: False):
    """A copy of the first `count` files of a corpus folder, and of those `also` picks."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    chosen = files[:count] + [p for p in files[count:] if also(p)]
    destination.mkdir()
    for number, path in enumerate(chosen):
        shutil.copy(path, destination / f"{number:04d}-{path.name}")
    return destination


def _load(source, tmp_path):
    if source == "lido":
        ddb = make_institution("ddb", "Deutsche Digitale Bibliothek", "DE")
        import_file(ddb, corpus_path("lido", "ddb_real_records"), "lido")
        # The LIDO 1.1 examples name a vocabulary by a source longer than a concept scheme's
        # code may be (40 characters), which PostgreSQL refuses: an ingest bug, reported apart.
        uffizi = make_institution("fm", "LIDO working group examples", "IT")
        examples = corpus_path("lido", "lido_wg_examples")
        for name in ("LIDO-Example_FMobj00154983-LaPrimavera.xml", "minimaldatensatz.xml"):
            import_file(uffizi, examples / name, "lido")
    elif source == "edm":
        amsab = make_institution("amsab", "Amsab-ISG", "BE")
        hope = corpus_path("europeana_edm", "metis_test_batch_hope")
        import_file(amsab, _some_files(hope, tmp_path / "hope", count=120), "edm")
        europeana = make_institution("europeana", "Europeana", "NL")
        enriched = "metis-indexing__europeana_record_with_technical_metadata.xml"
        import_file(europeana, corpus_path("europeana_edm", "metis_records", enriched), "edm")
    elif source == "cit":
        cit = make_institution("cit", "CIT catalogue of Chinese art", "GB")
        import_file(cit, _cit_subset(tmp_path), "cit")
    elif source == "json":
        tate = make_institution("tate", "Tate", "GB")
        import_file(tate, corpus_path("tate", "artworks", "n"), "json", "tate-json.toml")
        acmi = make_institution("acmi", "ACMI", "AU")
        chinese = lambda path: bool(CJK_ESCAPE.search(path.read_text(encoding="utf-8")))  # noqa: E731
        objects = _some_files(
            corpus_path("acmi", "dist", "objects"), tmp_path / "acmi", count=100, also=chinese
        )
        import_file(acmi, objects, "json", "acmi-json.toml")


@pytest.mark.parametrize("source", ["lido", "edm", "cit", "json"])
def test_every_real_record_makes_a_valid_document(source, tmp_path):
    _load(source, tmp_path)
    objects: list[CatalogueObject] = []
    ids = list(CatalogueObject.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), 200):  # SQLite limits how many ids one prefetch may list
        objects += (
            CatalogueObject.objects.filter(pk__in=ids[start : start + 200])
            .select_related("institution")
            .prefetch_related("terms__concept", "agents", "media")
        )
    documents = [object_document(obj, base_url=BASE) for obj in objects]
    assert len(documents) > 20
    problems = {doc["id"]: errors for doc in documents if (errors := schema_errors(doc))}
    assert problems == {}
    for document in documents:
        span = document.get("produced_by", {}).get("timespan", {})
        for key in ("begin_of_the_begin", "end_of_the_end"):
            if key in span:
                assert XSD_DATETIME.fullmatch(span[key]), span
    if source == "cit":
        bce = [obj for obj in objects if obj.earliest_year is not None and obj.earliest_year < 0]
        assert bce, "the CIT subset holds records dated BCE"
        for obj in bce:
            assert obj.earliest_year is not None
            document = object_document(obj, base_url=BASE)
            begin = document["produced_by"]["timespan"]["begin_of_the_begin"]
            assert begin == xsd_datetime(obj.earliest_year, end=False)
            assert begin.startswith("-")
        languages = {
            language["id"]
            for document in documents
            for name in document["identified_by"]
            for language in name.get("language", [])
        }
        assert CHINESE in languages and ENGLISH in languages
