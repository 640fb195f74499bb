import pytest

from caravan.ingest.vocab import VocabularyError
from caravan.ingest.vocab.skos import notation_from_uri, read_skos, read_skos_file

from .conftest import FIXTURES


def by_notation(vocabulary):
    return {concept.notation: concept for concept in vocabulary.concepts}


def test_turtle_scheme_and_labels_in_every_language():
    vocabulary = read_skos_file(FIXTURES / "caravanserai.ttl")

    assert vocabulary.code == "architecture"
    assert vocabulary.uri == "https://example.org/vocab/architecture"
    assert vocabulary.titles == {
        "en": "Architecture of the caravan routes",
        "ru": "Архитектура караванных путей",
    }
    concepts = by_notation(vocabulary)
    assert sorted(concepts) == ["C-01", "buildings", "minaret", "mosque"]
    caravanserai = concepts["C-01"]
    assert caravanserai.uri == "https://example.org/vocab/architecture/caravanserai"
    assert caravanserai.pref_labels["hy"] == "կարվանատուն"
    assert caravanserai.pref_labels["ar"] == "خان"
    assert caravanserai.pref_labels["de-DE"] == "Karawanserei"
    assert caravanserai.pref_labels["zh-Hans"] == "客栈"
    # Two English prefLabels: one is kept, the other becomes an altLabel.
    assert caravanserai.pref_labels["en"] == "caravansary"
    assert caravanserai.alt_labels["en"] == ["caravanserai", "han", "khan"]
    assert caravanserai.alt_labels["hy"] == ["իջևանատուն"]
    assert concepts["buildings"].pref_labels["zh-Hans"] == "建筑"  # tag normalised
    assert concepts["mosque"].pref_labels["und"] == "Mosque"  # untagged label


def test_turtle_broader_from_both_directions():
    concepts = by_notation(read_skos_file(FIXTURES / "caravanserai.ttl"))

    assert concepts["C-01"].broader == ("buildings",)  # from skos:narrower
    assert concepts["mosque"].broader == ("buildings",)
    # skos:broader, and the link to a concept outside the file is dropped.
    assert concepts["minaret"].broader == ("mosque",)
    assert concepts["minaret"].alt_labels == {"ar": ["منارة"]}
    assert concepts["buildings"].broader == ()


def test_rdf_xml_scheme_notations_and_narrower():
    vocabulary = read_skos_file(FIXTURES / "metalwork.rdf")

    assert vocabulary.code == "metalwork"  # from dc:identifier
    assert vocabulary.titles == {"en": "Metalwork techniques", "hy": "Մետաղամշակման տեխնիկաներ"}
    concepts = by_notation(vocabulary)
    assert sorted(concepts) == ["MW.1", "MW.1.1", "MW.2"]
    lost_wax = concepts["MW.1.1"]
    assert lost_wax.broader == ("MW.1",)
    assert lost_wax.pref_labels["hy"] == "կորած մոմի մեթոդով ձուլում"
    assert lost_wax.pref_labels["ar"] == "الصب بالشمع المفقود"
    assert lost_wax.alt_labels == {"en": ["cire perdue"], "zh-Hans": ["熔模铸造"]}
    assert concepts["MW.1"].pref_labels["zh-Hant"] == "鑄造"
    assert concepts["MW.2"].pref_labels == {
        "ar": "تطعيم",
        "en-GB": "inlay",
        "fa": "ترصیع",
        "hy": "ներդրում",
    }


def test_a_code_given_wins():
    vocabulary = read_skos_file(FIXTURES / "metalwork.rdf", code="Metal Work")
    assert vocabulary.code == "metal-work"


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <skos:Concept rdf:about="https://example.org/x">
    <skos:prefLabel xml:lang="en">&secret;</skos:prefLabel>
  </skos:Concept>
</rdf:RDF>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"""

EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "http://example.org/skos.dtd">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>"""


@pytest.mark.parametrize("document", [XXE, BILLION_LAUGHS])
def test_rdf_xml_with_entity_declarations_is_refused(document):
    with pytest.raises(VocabularyError, match="declares XML entities"):
        read_skos(document, rdf_format="xml", code="x")


def test_rdf_xml_with_an_external_dtd_is_refused():
    with pytest.raises(VocabularyError, match="external DTD"):
        read_skos(EXTERNAL_DTD, rdf_format="xml", code="x")


def test_malformed_documents_are_reported_in_one_line():
    with pytest.raises(VocabularyError, match="not well-formed"):
        read_skos(b"<rdf:RDF", rdf_format="xml", code="x")
    with pytest.raises(VocabularyError, match="turtle document cannot be read"):
        read_skos(b"<a> <b> .", rdf_format="turtle", code="x")


def test_json_ld_is_not_read_because_its_contexts_would_be_fetched():
    with pytest.raises(VocabularyError, match="unsupported RDF format"):
        read_skos(b"{}", rdf_format="json-ld", code="x")


def test_a_file_with_several_schemes_needs_a_choice(tmp_path):
    two = tmp_path / "two.ttl"
    two.write_text(
        """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        <https://example.org/a> a skos:ConceptScheme .
        <https://example.org/b> a skos:ConceptScheme .
        <https://example.org/a/1> skos:inScheme <https://example.org/a> ; skos:prefLabel "one"@en .
        <https://example.org/b/2> skos:inScheme <https://example.org/b> ; skos:prefLabel "two"@en .
        """,
        encoding="utf-8",
    )
    with pytest.raises(VocabularyError, match="several concept schemes"):
        read_skos_file(two)

    chosen = read_skos_file(two, scheme_uri="https://example.org/b")
    assert chosen.code == "b"
    assert [(c.notation, c.pref_labels) for c in chosen.concepts] == [("2", {"en": "two"})]


def test_blank_node_concepts_without_notation_are_reported(tmp_path):
    data = b"""@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        [] a skos:Concept ; skos:prefLabel "nameless"@en .
        [] a skos:Concept ; skos:notation "N1" ; skos:prefLabel "named"@en ."""
    vocabulary = read_skos(data, rdf_format="turtle", source_name="blank.ttl")

    assert vocabulary.code == "blank"  # from the file name, as nothing else names it
    assert [concept.notation for concept in vocabulary.concepts] == ["N1"]
    assert len(vocabulary.problems) == 1
    assert "without URI or skos:notation" in vocabulary.problems[0]


def test_unknown_extension_is_refused(tmp_path):
    path = tmp_path / "vocabulary.json"
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(VocabularyError, match="cannot tell the RDF format"):
        read_skos_file(path)


@pytest.mark.parametrize(
    ("uri", "notation"),
    [
        ("https://w3id.org/caravan/vocab/types/bronze", "bronze"),
        ("http://vocab.getty.edu/aat/300010957/", "300010957"),
        ("http://example.org/thesaurus#Q%20042", "Q 042"),
        ("urn:x-local:jade", "jade"),
    ],
)
def test_notation_from_uri(uri, notation):
    assert notation_from_uri(uri) == notation
