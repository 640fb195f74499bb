"""The starter vocabulary shipped with Caravan: complete, hierarchical, unambiguous."""

from collections import defaultdict

import pytest

from caravan.ingest.vocab.linking import label_key
from caravan.ingest.vocab.services import STARTER_SCHEME_CODE, STARTER_VOCABULARY
from caravan.ingest.vocab.skos import read_skos_file

LANGUAGES = {"en", "zh-Hans", "zh-Hant", "ru", "ar", "fa", "hy"}


@pytest.fixture(scope="module")
def starter():
    return read_skos_file(STARTER_VOCABULARY)


@pytest.fixture(scope="module")
def concepts(starter):
    return {concept.notation: concept for concept in starter.concepts}


def test_the_file_parses_without_problems(starter):
    assert starter.code == STARTER_SCHEME_CODE
    assert starter.uri == "https://w3id.org/caravan/vocab/types"
    assert set(starter.titles) == LANGUAGES
    assert starter.problems == ()
    assert len(starter.concepts) >= 60


def test_every_concept_is_labelled_in_all_seven_languages(starter):
    for concept in starter.concepts:
        assert set(concept.pref_labels) == LANGUAGES, concept.notation
        assert set(concept.alt_labels) <= LANGUAGES, concept.notation


def test_two_top_concepts_and_everything_below_them(concepts):
    tops = sorted(notation for notation, concept in concepts.items() if not concept.broader)
    assert tops == ["materials", "object-types"]

    def top_of(notation):
        while concepts[notation].broader:
            (notation,) = concepts[notation].broader
        return notation

    assert top_of("handscroll") == "object-types"
    assert top_of("celadon") == "materials"
    assert concepts["bronze"].broader == ("metal",)
    assert concepts["celadon"].broader == ("glazed-ware",)
    assert concepts["robe"].broader == ("costume",)


@pytest.mark.parametrize(
    "notation",
    [
        "bronze", "gold", "silver", "iron", "jade", "porcelain", "celadon", "stoneware",
        "earthenware", "glazed-ware", "lacquer", "silk", "cotton", "wool", "paper", "ink", "wood",
        "bamboo", "ivory", "bone", "glass", "stone", "terracotta", "vessels", "bowl", "vase", "jar",
        "mirror", "coin", "banknote", "seal", "scroll", "hanging-scroll", "handscroll",
        "album-leaf", "painting", "calligraphy", "manuscript", "book", "printed-book", "textiles",
        "carpet", "robe", "figurine", "sculpture", "tile", "weapons", "sword", "jewellery",
        "ornament", "photograph", "film", "print", "drawing", "map", "musical-instrument",
    ],
)  # fmt: skip
def test_the_common_types_and_materials_are_there(concepts, notation):
    assert notation in concepts


def test_named_labels(concepts):
    assert concepts["porcelain"].pref_labels["zh-Hans"] == "瓷器"
    assert concepts["celadon"].pref_labels["zh-Hant"] == "青瓷"
    assert "celadon ware" in concepts["celadon"].alt_labels["en"]
    assert concepts["famille-rose"].pref_labels["zh-Hans"] == "粉彩"
    assert concepts["silk"].pref_labels["ru"] == "шёлк"
    assert concepts["silk"].alt_labels["ru"] == ["шелк"]
    assert concepts["carpet"].pref_labels["fa"] == "فرش"
    assert concepts["manuscript"].pref_labels["hy"] == "ձեռագիր"
    assert concepts["jade"].pref_labels["ar"] == "يشم"
    assert concepts["bronze"].alt_labels["fa"] == ["مفرغ"]


def test_no_label_names_two_concepts(starter):
    owners = defaultdict(set)
    for concept in starter.concepts:
        labels = [*concept.pref_labels.values()]
        labels += [text for texts in concept.alt_labels.values() for text in texts]
        for text in labels:
            owners[label_key(text)].add(concept.notation)
    shared = {label: sorted(notations) for label, notations in owners.items() if len(notations) > 1}
    assert shared == {}
