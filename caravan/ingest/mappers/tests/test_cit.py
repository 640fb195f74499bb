"""The CIT catalogue of Chinese art: the real CATALOG.dmp, and a holder filter."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue.records import RecordError
from caravan.ingest.mappers.base import MappingContext, RawRecord, RecordSkipped, SplitProblem
from caravan.ingest.mappers.cit import CitMapper, cit_notation, cit_titles

CORPUS = Path(__file__).resolve().parents[4] / ".." / "shared" / "corpus"
CATALOGUE = CORPUS / "cit_chinese_art_catalog" / "CATALOG.dmp"
THESAURUS = CORPUS / "vocabularies" / "cit_chinese_iconography" / "CIT.dmp"
CNE = "http://rightsstatements.org/vocab/CNE/1.0/"

RECORD = """ID cit_O1466178
HIM CIT
; NPM
COL NPM
TYPE image
DESCRIPTION Hanging scroll
TITLE 清  王時敏  倣黃公望山水  軸|In Imitation of Huang Gongwang's Landscape
CIT CIT278433
; THES285299
ID.INV.ALT EXT.3227-2018
DATE Qing dynasty
INSTIT.INV Gu-hua-000684-00000
PERSON.ARTIST Wang Shimin
PERSON.ROLE artist
URL.WEBPAGE https://painting.npm.gov.tw/Painting_Page.aspx?dep=P&PaintingId=3462
$
"""


@pytest.fixture(scope="module")
def catalogue() -> dict[str, Any]:
    if not CATALOGUE.exists():
        pytest.skip("the shared corpus (cit_chinese_art_catalog) is not here")
    with CATALOGUE.open("rb") as stream:
        parts = list(CitMapper().split(stream, MappingContext(institution="npm")))
    assert all(isinstance(part, RawRecord) for part in parts)
    assert len(parts) == 6_373
    # Album leaves share their holder's inventory number; the first of each is kept here.
    records: dict[str, Any] = {}
    for part in parts:
        records.setdefault(part.identifier, part)
    return records


def test_every_catalogue_record_maps(catalogue):
    context = MappingContext(institution="npm")
    mapped = [CitMapper().map(raw, context) for raw in catalogue.values()]
    assert len(mapped) == 5_504
    assert sum(1 for item in mapped if "zh-Hant" in item.record.titles) > 4_000


def test_a_national_palace_museum_record(catalogue):
    context = MappingContext(institution="npm", mapping={"vocabulary": str(THESAURUS)})
    record = CitMapper().map(catalogue["Gu-hua-000684-00000"], context).record
    assert record.titles == {
        "zh-Hant": "清  王時敏  倣黃公望山水  軸",
        "en": "In Imitation of Huang Gongwang’s Landscape",
    }
    assert record.language == "zh-Hant"
    assert record.date_display == {"en": "Qing dynasty"}
    assert (record.earliest_year, record.latest_year) == (1644, 1911)
    assert [term.text for term in record.object_types] == ["Hanging scroll"]
    assert record.agents[0].names == {"en": "Wang Shimin"}
    assert record.rights == CNE
    landscape = record.subjects[0]
    assert (landscape.text, landscape.lang) == ("landscape", "en")
    assert landscape.concept.scheme == "cit"
    assert landscape.concept.notation == "CIT278433"
    assert landscape.concept.labels == {"en": "landscape", "zh-Hant": "山水"}
    assert "CIT0285299" in [term.concept.notation for term in record.subjects]
    assert record.raw.startswith("ID cit_O1466178\n") and record.raw.endswith("\n$")


def test_a_ming_record(catalogue):
    record = CitMapper().map(catalogue["Gu-hua-000376-00000"], MappingContext("npm")).record
    assert record.titles["zh-Hant"] == "明  冷謙  白岳圖  軸"
    assert (record.earliest_year, record.latest_year) == (1368, 1644)
    # Without the thesaurus, a subject is its notation, and the concept link still holds.
    assert record.subjects[0].text == "CIT0285537"
    assert record.subjects[0].concept.notation == "CIT0285537"


def test_the_v_and_a_number_is_the_local_identifier(catalogue):
    assert "FE.37-1992" in catalogue or any(key.startswith("FE.") for key in catalogue)


def test_records_of_another_holder_are_skipped_not_rejected():
    raw: Any
    (raw,) = CitMapper().split(io.BytesIO(RECORD.encode()), MappingContext("met"))
    with pytest.raises(RecordSkipped, match="held by NPM, not MET"):
        CitMapper().map(raw, MappingContext("met", mapping={"holder": "MET"}))
    assert issubclass(RecordSkipped, RecordError)
    kept = CitMapper().map(raw, MappingContext("npm", mapping={"holder": ["NPM", "HYL"]}))
    assert kept.record.local_id == "Gu-hua-000684-00000"


def test_a_line_in_the_wrong_encoding_is_reported_and_the_record_read():
    data = RECORD.replace("PERSON.ROLE artist", "NOTE caf\u00e9").encode("utf-8")
    data = data.replace("caf\u00e9".encode(), "caf\u00e9".encode("latin-1"))
    parts = list(CitMapper().split(io.BytesIO(data), MappingContext("npm")))
    assert isinstance(parts[0], SplitProblem)
    assert parts[0].problem == "line 14 is not UTF-8 text; skipped"
    assert parts[1].identifier == "Gu-hua-000684-00000"


def test_a_record_without_inventory_number_is_rejected():
    text = RECORD.replace("INSTIT.INV Gu-hua-000684-00000\n", "")
    raw: Any
    (raw,) = CitMapper().split(io.BytesIO(text.encode()), MappingContext("npm"))
    assert raw.identifier == "cit_O1466178"
    with pytest.raises(RecordError, match="cit_O1466178: no inventory number"):
        CitMapper().map(raw, MappingContext("npm"))


def test_titles_and_notations():
    assert cit_titles("Pure Tones among Hills and Waters|山水清音圖") == {
        "en": "Pure Tones among Hills and Waters",
        "zh-Hant": "山水清音圖",
    }
    assert cit_notation("THES285425") == "CIT0285425"
    assert cit_notation("CIT278433") == "CIT278433"
