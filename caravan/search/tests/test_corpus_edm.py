"""Search over EDM records: the HOPE batch (1,506 Amsab-ISG records in French, with Dutch
subjects) and an enriched Europeana record whose contextual entities carry labels in ~50
languages.

The enriched record (metis-indexing__europeana_record_with_technical_metadata.xml) is written in
English, French and Dutch; its dc:subject points to the Europeana entity "World War I"
(data.europeana.eu/concept/base/83) and its dc:type to the Getty AAT concept "newsreels"
(aat 300263837). The EDM importer stores such entities as concepts with all their prefLabels,
so a Russian, Arabic, Armenian or Chinese label finds the record, which holds none of those
scripts. The expected hits were read in ../shared/corpus/europeana_edm.
"""

from __future__ import annotations

import pytest

from caravan.catalogue.models import CatalogueObject, Concept
from caravan.search.tests.corpus import (
    ask,
    concept_matches,
    corpus_fixtures,
    corpus_path,
    import_file,
    local_ids,
    make_institution,
)

pytestmark = pytest.mark.django_db

# Item_35838947.xml: "Combat : hebdomadaire wallon d'action socialiste", subject "Waalse Beweging".
WEEKLY = "http://hdl.handle.net/10796/76FC2677-F914-46F1-9A1B-D19450FE141E"
# The enriched record: "WESTVLAAMS FILMJOURNAAL - 164", a newsreel of a memorial in Ostend.
NEWSREEL = "/1/12944"
ENRICHED_FILE = "metis-indexing__europeana_record_with_technical_metadata.xml"
WORLD_WAR_I = ("data.europeana.eu", "83")
NEWSREELS = ("vocab.getty.edu", "300263837")


def load_edm() -> None:
    amsab = make_institution("amsab", "Amsab-Institute of Social History", "BE")
    import_file(amsab, corpus_path("europeana_edm", "metis_test_batch_hope"), "edm")
    # One file only: the folder's other records share this record's identifier.
    europeana = make_institution("europeana", "Europeana", "NL")
    import_file(europeana, corpus_path("europeana_edm", "metis_records", ENRICHED_FILE), "edm")


corpus_index, search_index_dir = corpus_fixtures("edm", load_edm)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("hebdomadaire wallon", WEEKLY, id="fr-title"),
        pytest.param("action socialiste", WEEKLY, id="fr-title-2"),
        pytest.param("Waalse Beweging", WEEKLY, id="nl-subject"),
        pytest.param("Westvlaams filmjournaal", NEWSREEL, id="nl-title"),
        pytest.param("Oostende", NEWSREEL, id="nl-description"),
        pytest.param("Ostend", NEWSREEL, id="en-description"),
    ],
)
def test_a_word_finds_exactly_its_record(query: str, expected: str) -> None:
    assert local_ids(ask(query)) == [expected]


def test_fr_title_word_of_the_whole_batch_counts_every_record_and_its_years() -> None:
    result = ask("Combat", facets=("institution",))
    assert result.count == 1506  # every record of the batch is an issue of "Combat"
    counts = {value.key: value.count for value in result.facets["institution"]}
    assert counts == {"amsab": 1506}
    # 45 issues of 1976, and the weekly's own record (issued 1961-1992).
    assert ask("Combat year:1976").count == 46


@pytest.mark.parametrize(
    ("query", "concept"),
    [
        pytest.param("Первая мировая война", WORLD_WAR_I, id="ru-to-en"),
        pytest.param("первая мировая война", WORLD_WAR_I, id="ru-to-en-lowercase"),
        pytest.param("الحرب العالمية الأولى", WORLD_WAR_I, id="ar-to-en"),
        pytest.param("الحرب العالمية الاولى", WORLD_WAR_I, id="ar-to-en-bare-alef"),
        pytest.param("Առաջին համաշխարհային պատերազմ", WORLD_WAR_I, id="hy-to-en"),
        pytest.param("第一次世界大战", WORLD_WAR_I, id="zh-Hans-to-en"),
        pytest.param("新闻片", NEWSREELS, id="zh-Hans-to-en-aat"),
    ],
)
def test_an_entity_label_in_another_script_finds_the_record(
    query: str, concept: tuple[str, str]
) -> None:
    result = ask(query)
    assert local_ids(result) == [NEWSREEL]
    hit = result.hits[0]
    scheme, notation = concept
    linked = Concept.objects.get(scheme__code=scheme, notation=notation)
    assert [match.concept_id for match in concept_matches(hit)] == [linked.pk]
    assert [match.kind for match in hit.matched] == ["concept"]
    assert (hit.title, hit.title_lang) == ("WESTVLAAMS FILMJOURNAAL - 164", "en")
    record = CatalogueObject.objects.get(local_id=NEWSREEL)
    assert set(record.titles) | set(record.descriptions) == {"en", "fr", "nl"}
