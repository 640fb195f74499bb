import pytest

from caravan.catalogue.models import Concept
from caravan.ingest.vocab import Vocabulary, VocabularyConcept
from caravan.ingest.vocab.linking import ConceptIndex, label_key
from caravan.ingest.vocab.services import starter_vocabulary_ensure, vocabulary_import

pytestmark = pytest.mark.django_db


def pk_of(scheme, notation):
    return Concept.objects.get(scheme__code=scheme, notation=notation).pk


@pytest.fixture
def starter_index():
    starter_vocabulary_ensure()
    return ConceptIndex.load(["caravan-types"])


def test_a_material_is_found_by_its_label_in_any_language(starter_index):
    bronze = pk_of("caravan-types", "bronze")

    for text in ["bronze", "Bronze", "青铜", "青銅", "бронза", "Бронза", "برونز", "برنز", "բրոնզ"]:
        assert starter_index.match(text) == bronze, text
    assert starter_index.match("مفرغ", "fa") == bronze  # an altLabel


def test_labels_are_compared_after_nfkc_casefold_and_space_collapse(starter_index):
    hanging_scroll = pk_of("caravan-types", "hanging-scroll")

    assert starter_index.match("  Hanging \n SCROLL ") == hanging_scroll
    assert starter_index.match("ＨＡＮＧＩＮＧ ＳＣＲＯＬＬ") == hanging_scroll  # full-width
    assert starter_index.match("立轴") == hanging_scroll
    assert starter_index.match("掛軸", "zh-Hant") == hanging_scroll
    assert label_key("Ковёр  ") == "ковёр"


def test_unknown_terms_link_to_nothing(starter_index):
    assert starter_index.match("spaceship") is None
    assert starter_index.match("") is None


def test_uri_and_notation_lookups(starter_index):
    celadon = pk_of("caravan-types", "celadon")

    assert starter_index.by_uri("https://w3id.org/caravan/vocab/types/celadon") == celadon
    assert starter_index.by_notation("caravan-types", "celadon") == celadon
    assert starter_index.by_uri("https://w3id.org/caravan/vocab/types/nothing") is None
    assert starter_index.by_notation("cit", "celadon") is None


def concept(notation, labels, alt_labels=None):
    return VocabularyConcept(notation=notation, pref_labels=labels, alt_labels=alt_labels or {})


@pytest.fixture
def two_schemes():
    vocabulary_import(
        vocabulary=Vocabulary(
            code="first",
            concepts=(
                concept("crane-bird", {"en": "crane", "zh-Hans": "鹤"}),
                concept("crane-machine", {"en": "crane machine", "fr": "grue"}, {"en": ["crane"]}),
                concept("han", {"en": "Han", "zh-Hant": "漢"}),
            ),
        )
    )
    vocabulary_import(
        vocabulary=Vocabulary(
            code="second",
            concepts=(
                concept("han-dynasty", {"en": "Han dynasty"}, {"fr": ["han"]}),
                concept("khan", {"en": "caravanserai"}, {"en": ["han"]}),
            ),
        )
    )


def test_an_ambiguous_label_within_one_scheme_links_to_nothing(two_schemes):
    index = ConceptIndex.load(["first"])

    assert index.match("crane") is None
    assert index.match("crane", "fr") is None
    assert index.match("鹤") == pk_of("first", "crane-bird")


def test_an_ambiguous_label_prefers_the_terms_language_then_the_scheme_order(two_schemes):
    index = ConceptIndex.load(["first", "second"])

    assert index.match("han", "fr") == pk_of("second", "han-dynasty")
    assert index.match("HAN", "fr-CA") == pk_of("second", "han-dynasty")  # same language
    # English: "first" and "second" both label it in English; the earlier scheme wins.
    assert index.match("han", "en") == pk_of("first", "han")
    assert index.match("han") == pk_of("first", "han")

    reversed_order = ConceptIndex.load(["second", "first"])
    assert reversed_order.match("han", "en") == pk_of("second", "khan")
    # No language: "second" holds two concepts labelled "han" (in French and English).
    assert reversed_order.match("han") is None


def test_without_a_scheme_order_ties_between_schemes_link_to_nothing(two_schemes):
    index = ConceptIndex.load()

    assert len(index) == 5
    assert index.match("han", "en") is None
    assert index.match("han", "fr") == pk_of("second", "han-dynasty")


def test_the_index_is_built_with_one_query(two_schemes, django_assert_num_queries):
    with django_assert_num_queries(1):
        index = ConceptIndex.load(["first", "second"])
    assert len(index) == 5
