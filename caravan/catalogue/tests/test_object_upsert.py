import pytest

from caravan.catalogue.models import CatalogueObject, Concept, ObjectTerm
from caravan.catalogue.records import RecordError, record_from_dict
from caravan.catalogue.services import UpsertOutcome, object_upsert

pytestmark = pytest.mark.django_db

MIRROR = {
    "local_id": "NPM-001",
    "language": "en",
    "titles": {"en": "Bronze mirror", "zh-Hant": "銅鏡"},
    "materials": [{"text": "bronze", "lang": "en"}],
    "subjects": [
        {
            "text": "dragon",
            "lang": "en",
            "concept": {"scheme": "cit", "notation": "CIT1", "labels": {"zh-Hant": "龍"}},
        }
    ],
    "agents": [{"name": {"en": "Unknown"}, "role": {"en": "maker"}, "kind": "person"}],
    "date_display": {"en": "Tang dynasty"},
    "earliest_year": 618,
    "latest_year": 907,
    "rights": "http://rightsstatements.org/vocab/CNE/1.0/",
    "media": [{"image_url": "https://example.org/mirror.jpg"}],
    "raw": "ID NPM-001\nTITLE Bronze mirror|銅鏡\n$",
}


def test_a_new_record_is_created_with_its_parts_and_raw_source(make_institution):
    museum = make_institution("npm", country="TW")
    obj, outcome = object_upsert(institution=museum, record=record_from_dict(MIRROR))
    assert outcome is UpsertOutcome.CREATED
    obj.refresh_from_db()
    assert obj.titles == {"en": "Bronze mirror", "zh-Hant": "銅鏡"}
    assert obj.raw_record == MIRROR["raw"]
    assert (obj.earliest_year, obj.latest_year) == (618, 907)
    assert [t.text for t in obj.terms.all()] == ["bronze", "dragon"]
    assert obj.terms.get(field="subject").concept.pref_labels == {"zh-Hant": "龍"}
    assert obj.media.get().image_url == "https://example.org/mirror.jpg"


def test_identical_input_changes_nothing(make_institution):
    museum = make_institution("npm", country="TW")
    obj, _ = object_upsert(institution=museum, record=record_from_dict(MIRROR))
    stamp = obj.updated_at
    again, outcome = object_upsert(institution=museum, record=record_from_dict(MIRROR))
    assert outcome is UpsertOutcome.UNCHANGED
    again.refresh_from_db()
    assert again.updated_at == stamp
    assert ObjectTerm.objects.count() == 2
    assert Concept.objects.count() == 1


def test_a_changed_record_replaces_the_parts(make_institution):
    museum = make_institution("npm", country="TW")
    object_upsert(institution=museum, record=record_from_dict(MIRROR))
    changed = {**MIRROR, "materials": [{"text": "copper alloy", "lang": "en"}], "subjects": []}
    obj, outcome = object_upsert(institution=museum, record=record_from_dict(changed))
    assert outcome is UpsertOutcome.UPDATED
    assert [t.text for t in obj.terms.all()] == ["copper alloy"]
    assert CatalogueObject.objects.count() == 1


def test_untrusted_text_is_stored_as_given(make_institution):
    museum = make_institution("npm", country="TW")
    hostile = {**MIRROR, "titles": {"en": "<script>alert(1)</script>"}}
    obj, _ = object_upsert(institution=museum, record=record_from_dict(hostile))
    assert obj.titles["en"] == "<script>alert(1)</script>"  # escaping is the templates' job


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"local_id": ""}, "no local identifier"),
        ({"titles": {}}, "no title"),
        ({"titles": {"??": "x"}}, "BCP-47"),
        ({"earliest_year": 900, "latest_year": 618}, "after latest year"),
        ({"rights": "All rights reserved"}, "rightsstatements.org"),
        ({"visibility": "secret"}, "visibility"),
        ({"agents": [{"name": {"en": "X"}, "kind": "robot"}]}, "agent kind"),
    ],
)
def test_bad_records_are_refused_with_their_identifier_and_reason(change, reason):
    with pytest.raises(RecordError, match=reason) as refused:
        record_from_dict({**MIRROR, **change})
    if change.get("local_id") != "":
        assert "NPM-001" in str(refused.value)


def test_an_over_long_scheme_name_is_shortened_the_same_way_each_time(make_institution):
    from caravan.catalogue.models import Concept, ConceptScheme

    museum = make_institution("marburg")
    source = (
        "Deutsches Dokumentationszentrum für Kunstgeschichte - Bildarchiv Foto Marburg. "
        "DDK-Thesaurus"
    )
    for local_id in ("A", "B"):
        record = record_from_dict(
            {
                "local_id": local_id,
                "titles": {"de": "Kelch"},
                "object_types": [
                    {
                        "text": "Kelch",
                        "lang": "de",
                        "concept": {"scheme": source, "notation": "x" * 150},
                    }
                ],
            }
        )
        object_upsert(institution=museum, record=record)
    (scheme,) = ConceptScheme.objects.all()
    assert len(scheme.code) == 40 and scheme.code.startswith("Deutsches Dokumentations")
    (concept,) = Concept.objects.all()
    assert len(concept.notation) == 100
    assert concept.object_terms.count() == 2


def test_an_uploaded_image_survives_an_updated_record(make_institution):
    from io import BytesIO

    from PIL import Image

    from caravan.catalogue.media import media_upload

    museum = make_institution("yerevan")
    obj, _ = object_upsert(
        institution=museum, record=record_from_dict({"local_id": "Y-1", "titles": {"hy": "Սափոր"}})
    )
    buffer = BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="JPEG")
    buffer.seek(0)
    media_upload(obj=obj, file=buffer)
    changed = record_from_dict(
        {"local_id": "Y-1", "titles": {"hy": "Սափոր", "en": "Jar"}, "media": []}
    )
    obj, outcome = object_upsert(institution=museum, record=changed)
    assert outcome == UpsertOutcome.UPDATED
    obj.refresh_from_db()
    assert obj.has_image and obj.media.exclude(image_file="").count() == 1
