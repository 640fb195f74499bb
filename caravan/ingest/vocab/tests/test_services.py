from dataclasses import replace

import pytest

from caravan.catalogue.models import Concept, ConceptScheme
from caravan.ingest.vocab.cit import read_cit_file
from caravan.ingest.vocab.services import (
    VocabularyImportCounts,
    starter_vocabulary_ensure,
    vocabulary_import,
)
from caravan.ingest.vocab.skos import read_skos_file

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


def broader_notations(scheme_code, notation):
    concept = Concept.objects.get(scheme__code=scheme_code, notation=notation)
    return sorted(concept.broader.values_list("notation", flat=True))


def test_import_creates_scheme_concepts_and_links():
    counts = vocabulary_import(vocabulary=read_skos_file(FIXTURES / "caravanserai.ttl"))

    assert counts == VocabularyImportCounts(created=4, updated=0, unchanged=0)
    scheme = ConceptScheme.objects.get(code="architecture")
    assert scheme.uri == "https://example.org/vocab/architecture"
    assert scheme.titles["ru"] == "Архитектура караванных путей"
    minaret = Concept.objects.get(scheme=scheme, notation="minaret")
    assert minaret.pref_labels["fa"] == "منار"
    assert minaret.alt_labels == {"ar": ["منارة"]}
    assert minaret.uri == "https://example.org/vocab/architecture/minaret"
    assert broader_notations("architecture", "minaret") == ["mosque"]
    buildings = Concept.objects.get(scheme=scheme, notation="buildings")
    assert sorted(buildings.narrower.values_list("notation", flat=True)) == ["C-01", "mosque"]


def test_importing_again_changes_nothing():
    vocabulary = read_skos_file(FIXTURES / "metalwork.rdf")
    vocabulary_import(vocabulary=vocabulary)
    before = list(Concept.objects.values_list("pk", "uri", "pref_labels", "alt_labels"))

    counts = vocabulary_import(vocabulary=read_skos_file(FIXTURES / "metalwork.rdf"))

    assert counts == VocabularyImportCounts(created=0, updated=0, unchanged=3)
    assert list(Concept.objects.values_list("pk", "uri", "pref_labels", "alt_labels")) == before


def test_changed_labels_and_links_are_updated_and_other_languages_kept():
    vocabulary = read_skos_file(FIXTURES / "metalwork.rdf")
    vocabulary_import(vocabulary=vocabulary)
    # A record added a Russian label the vocabulary does not have.
    Concept.objects.filter(notation="MW.2").update(
        pref_labels={"en-GB": "inlay", "ru": "инкрустация"}
    )
    concepts = {concept.notation: concept for concept in vocabulary.concepts}
    changed = replace(
        vocabulary,
        concepts=(
            replace(concepts["MW.1"], pref_labels={**concepts["MW.1"].pref_labels, "en": "cast"}),
            replace(concepts["MW.1.1"], broader=("MW.2",)),
            concepts["MW.2"],
        ),
    )

    counts = vocabulary_import(vocabulary=changed)

    assert counts == VocabularyImportCounts(created=0, updated=3, unchanged=0)
    assert Concept.objects.get(notation="MW.1").pref_labels["en"] == "cast"
    assert broader_notations("metalwork", "MW.1.1") == ["MW.2"]
    inlay = Concept.objects.get(notation="MW.2").pref_labels
    assert inlay["ru"] == "инкрустация"
    assert inlay["fa"] == "ترصیع"


def test_starter_vocabulary_ensure_is_idempotent():
    first = starter_vocabulary_ensure()
    second = starter_vocabulary_ensure()

    assert first.created >= 60
    assert second == VocabularyImportCounts(created=0, updated=0, unchanged=first.created)
    assert broader_notations("caravan-types", "celadon") == ["glazed-ware"]
    assert broader_notations("caravan-types", "hanging-scroll") == ["scroll"]
    scheme = ConceptScheme.objects.get(code="caravan-types")
    assert scheme.titles["zh-Hans"] == "Caravan 器物类型与材质"


def test_the_real_thesaurus_imports_in_bulk(cit_thesaurus, django_assert_max_num_queries):
    vocabulary = read_cit_file(cit_thesaurus)

    with django_assert_max_num_queries(300):
        counts = vocabulary_import(vocabulary=vocabulary)

    assert counts == VocabularyImportCounts(created=14844, updated=0, unchanged=0)
    dragon = Concept.objects.get(scheme__code="cit", notation="CIT284420")
    assert dragon.pref_labels == {"zh-Hant": "龍", "zh-Latn-pinyin": "long", "en": "dragon"}
    assert "CIT283674" in set(dragon.narrower.values_list("notation", flat=True))
    assert Concept.broader.through.objects.count() == 14843

    again = vocabulary_import(vocabulary=read_cit_file(cit_thesaurus))
    assert again == VocabularyImportCounts(created=0, updated=0, unchanged=14844)
