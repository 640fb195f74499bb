"""The ingest benchmark's synthesiser writes valid, deterministic records the mappers accept."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bench import ingest
from caravan.ingest.mappers.base import MappingContext, RawRecord
from caravan.ingest.mappers.lido import LidoMapper
from caravan.ingest.mappers.mapping_files import load_mapping
from caravan.ingest.mappers.tabular import CsvMapper

COUNT = 12


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not ingest.CORPUS.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    return ingest.write_sample(tmp_path_factory.mktemp("bench"), COUNT)


def test_lido_file_holds_the_records_in_one_wrap(samples: tuple[Path, Path]) -> None:
    lido, _ = samples
    root = etree.parse(str(lido)).getroot()
    assert root.tag == f"{{{ingest.LIDO}}}lidoWrap"
    identifiers = [node.text for node in root.iter(f"{{{ingest.LIDO}}}lidoRecID")]
    assert identifiers == [f"BENCH-{number:07d}" for number in range(1, COUNT + 1)]
    assert ingest.bare_lido_parse(lido)[1] == COUNT


def test_lido_records_map_with_their_synthetic_values(samples: tuple[Path, Path]) -> None:
    lido, _ = samples
    context = MappingContext(institution="bench")
    pieces = list(LidoMapper().split(lido.open("rb"), context))
    assert [piece.identifier for piece in pieces][:2] == ["BENCH-0000001", "BENCH-0000002"]
    assert all(isinstance(piece, RawRecord) for piece in pieces)
    records = {
        piece.identifier: LidoMapper().map(piece, context).record
        for piece in pieces
        if isinstance(piece, RawRecord)
    }
    ornament = records["BENCH-0000002"]
    assert ornament.titles == {
        "en": "Ornament",
        "ru": "украшение, Мидия",
        "ar": "حلية, الإمبراطورية الميدية",
    }
    assert (ornament.earliest_year, ornament.latest_year) == (-678, -550)
    assert [(term.text, term.lang) for term in ornament.materials] == [("ink", "en")]
    assert ornament.date_display == {"ar": "الإمبراطورية الميدية"}
    crane = records["BENCH-0000003"]
    assert crane.titles["zh-Hant"] == "歷代集繪 冊 宋 徽宗 獨鶴圖"
    assert (crane.earliest_year, crane.latest_year) == (1600, 1711)
    # The compact template's descriptiveMetadata is in English: an untagged name is English.
    assert crane.agents[0].names == {"en": "Qian Weicheng"}
    assert crane.agents[0].role == {"en": "artist"}


def test_csv_rows_map_through_the_benchmark_mapping(samples: tuple[Path, Path]) -> None:
    _, table = samples
    assert ingest.bare_csv_parse(table)[1] == COUNT
    context = MappingContext(institution="bench", mapping=load_mapping(ingest.CSV_MAPPING))
    pieces = list(CsvMapper().split(table.open("rb"), context))
    assert len(pieces) == COUNT
    records = {
        piece.identifier: CsvMapper().map(piece, context).record
        for piece in pieces
        if isinstance(piece, RawRecord)
    }
    ornament = records["B0000002"]
    assert ornament.titles == {
        "en": "Ornament",
        "ru": "украшение, Мидия",
        "ar": "حلية, الإمبراطورية الميدية",
    }
    assert ornament.earliest_year == -678
    first = records["B0000001"]
    assert first.date_display == {"en": "1822"}
    assert first.agents[0].names == {"en": "Tom Lieber"}


def test_the_same_seed_writes_the_same_objects() -> None:
    if not ingest.CORPUS.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not here")
    values = ingest.corpus_values(tate_files=200)
    first = list(ingest.synthetic_objects(values, 50, seed=9))
    again = list(ingest.synthetic_objects(values, 50, seed=9))
    assert first == again
    assert len({item.number for item in first}) == 50
