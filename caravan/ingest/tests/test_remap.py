"""Re-mapping kept raw records after a mapping change, without reading the source again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from caravan.catalogue.models import CatalogueObject
from caravan.ingest.models import RunKind, SourceKind
from caravan.ingest.services import ingest, remap, source_add

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = """Object number,Title,Title (Chinese),Date,Material
ER-1,Bronze mirror,銅鏡,Tang dynasty,bronze
ER-2,Jade cicada,玉蟬,Han dynasty,jade
ER-3,,,1750,silk
"""

FIRST_MAPPING = """
local_id = "Object number"
record_language = "en"
titles = { from = "Title", lang = "en" }
date_display = "Date"
materials = "Material"
"""

# The registrar noticed the Chinese titles were left out, and that untitled rows can use the
# material as a title.
SECOND_MAPPING = """
local_id = "Object number"
record_language = "en"
titles = [
    { from = "Title", lang = "en" },
    { from = "Title (Chinese)", lang = "detect-han" },
    { from = "Material", lang = "en" },
]
date_display = "Date"
materials = "Material"
"""


def test_remap_applies_a_changed_mapping_to_the_kept_raw_records(
    make_institution: Any, tmp_path: Path
) -> None:
    export = tmp_path / "export.csv"
    export.write_text(ROWS, encoding="utf-8")
    source = source_add(
        code="erebuni-csv",
        institution=make_institution("erebuni"),
        kind=SourceKind.FILE,
        format_name="csv",
        location=str(export),
        mapping_text=FIRST_MAPPING,
    )
    first = ingest(
        str(export), institution=source.institution, format_name="csv", source=source, workers=1
    )
    assert (first.created, first.rejected) == (2, 1)
    mirror = CatalogueObject.objects.get(local_id="ER-1")
    assert mirror.titles == {"en": "Bronze mirror"}
    assert (mirror.earliest_year, mirror.latest_year) == (618, 907)

    export.unlink()  # the source is gone: re-mapping must not need it
    source.mapping = SECOND_MAPPING
    source.save()
    again = remap(source, workers=1)

    assert again.kind == RunKind.REMAP
    assert (again.seen, again.updated, again.created, again.rejected) == (3, 2, 1, 0)
    mirror.refresh_from_db()
    assert mirror.titles == {"en": "Bronze mirror", "zh-Hant": "銅鏡"}
    silk = CatalogueObject.objects.get(local_id="ER-3")
    assert silk.titles == {"en": "silk"}
    assert (silk.earliest_year, silk.latest_year) == (1750, 1750)

    unchanged = remap(source, workers=1)
    assert (unchanged.seen, unchanged.unchanged, unchanged.updated) == (3, 3, 0)
