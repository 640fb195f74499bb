"""Search over Tate artworks: the 475 "N" accessions of ../shared/corpus/tate/artworks/n.

Works are found by their titles and by their artists, with or without the accents the titles
and names are written with. The expected hits were read in the artworks' JSON files.
"""

from __future__ import annotations

import pytest

from caravan.search.tests.corpus import (
    ask,
    corpus_fixtures,
    corpus_path,
    import_file,
    local_ids,
    make_institution,
    top,
)

pytestmark = pytest.mark.django_db

GIRL_WITH_DOG = "N06039"  # "Girl with a White Dog", Lucian Freud, 1950–1
TWO_FRIENDS = "N05142"  # "The Two Friends", Henri de Toulouse-Lautrec, 1894
FEMMES_EN_PRIERE = "N01501"  # "Femmes en Prière", Alphonse Legros, 1888
# The ten works of "William James Müller" among the N accessions.
MULLER = [f"N0{number}" for number in (1565, 2316, 2324, 2332, 2341, 2349, 2357, 2365, 2374, 2382)]


def load_tate() -> None:
    institution = make_institution("tate", "Tate", "GB")
    import_file(institution, corpus_path("tate", "artworks", "n"), "json", "tate-json.toml")


corpus_index, search_index_dir = corpus_fixtures("tate", load_tate)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("Girl with a White Dog", GIRL_WITH_DOG, id="en-title"),
        pytest.param("white dog", GIRL_WITH_DOG, id="en-title-words"),
        pytest.param("Femmes en Prière", FEMMES_EN_PRIERE, id="fr-title"),
        pytest.param("femmes en priere", FEMMES_EN_PRIERE, id="fr-title-unaccented"),
    ],
)
def test_a_work_is_found_first_by_its_title(query: str, expected: str) -> None:
    assert top(query, 3)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("Lucian Freud", [GIRL_WITH_DOG], id="en-artist"),
        pytest.param("maker:Freud", [GIRL_WITH_DOG], id="en-artist-scoped"),
        pytest.param("Toulouse-Lautrec", [TWO_FRIENDS], id="fr-artist-hyphenated"),
        pytest.param('maker:"William James Müller"', MULLER, id="de-artist"),
        pytest.param("maker:Muller", MULLER, id="de-artist-unaccented"),
    ],
)
def test_an_artist_finds_exactly_their_works(query: str, expected: list[str]) -> None:
    assert sorted(local_ids(ask(query, page_size=50))) == expected


def test_en_prolific_artist_finds_every_work() -> None:
    # 35 of the 475 files name "Joseph Mallord William Turner" as a contributor.
    result = ask('maker:"Joseph Mallord William Turner"', page_size=50)
    assert result.count == 35
    assert "N00530" in local_ids(result)  # "Snow Storm - Steam-Boat off a Harbour's Mouth"
