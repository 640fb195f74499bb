"""The CIT catalogue of Chinese art (V&A Chinese Iconography Thesaurus project), `.dmp` records.

Each record is a block of `FIELD value` lines (`; ` continues a field, `$` ends the record), as
in the thesaurus (caravan.ingest.vocab.cit reads both). The catalogue pools five holders (COL:
NPM, MET, VANDA, HYL, CMA), so an ingest for one institution names its holder in the mapping
options; records of other holders raise RecordSkipped, which a run leaves out, neither stored nor
rejected.

Mapping options (context.mapping), all optional:

* `holder` — the COL code (or a list of codes) of the institution being ingested;
* `vocabulary` — the path of the CIT thesaurus `.dmp`, to give subjects their labels
  (without it a subject's text is its notation, and the concept link still holds);
* `rights` — a rights URI for the records (default: CNE, the catalogue states none).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, ClassVar

from caravan.catalogue.records import RecordError, record_from_dict
from caravan.ingest.mappers.base import (
    Mapped,
    MappingContext,
    RawRecord,
    RecordSkipped,
    SplitProblem,
)
from caravan.ingest.mappers.mapping_files import HAN
from caravan.ingest.normalise import parse_date, to_rights_uri
from caravan.ingest.safety import MAX_RECORD_BYTES
from caravan.ingest.vocab.cit import DmpFields, dmp_fields, parse_dmp, split_dmp

CNE = "http://rightsstatements.org/vocab/CNE/1.0/"
CIT_SCHEME = "cit"
# COL code → the language the holder catalogues in
HOLDER_LANGUAGES = {"NPM": "zh-Hant", "HYL": "zh-Hant", "MET": "en", "VANDA": "en", "CMA": "en"}
NO_ARTIST = {"unknown", "unidentified", "anonymous", "n/a"}


class CitMapper:
    name: ClassVar[str] = "cit"
    label: ClassVar[str] = "CIT catalogue of Chinese art (.dmp)"
    needs_mapping: ClassVar[bool] = False

    def split(
        self, stream: IO[bytes], context: MappingContext
    ) -> Iterator[RawRecord | SplitProblem]:
        problems: list[SplitProblem] = []
        for number, lines in enumerate(split_dmp(_decoded_lines(stream, problems)), start=1):
            yield from problems
            problems.clear()
            data = "\n".join([*lines, "$"])
            if len(data) > MAX_RECORD_BYTES:
                yield SplitProblem(f"record {number}", f"record {number} is over the size limit")
                continue
            fields = dmp_fields(lines)
            yield RawRecord(identifier=cit_local_id(fields) or _first(fields, "ID"), data=data)
        yield from problems

    def map(self, raw: RawRecord, context: MappingContext) -> Mapped:
        fields = dmp_fields(raw.data.splitlines())
        holder = _first(fields, "COL")
        _check_holder(raw.identifier, holder, context.mapping.get("holder"))
        local_id = cit_local_id(fields)
        if not local_id:
            raise RecordError(f"{raw.identifier}: no inventory number (INSTIT.INV, ID.INV.ALT)")
        warnings: list[str] = []
        record = record_from_dict(
            {
                "local_id": local_id,
                "language": HOLDER_LANGUAGES.get(holder, "en"),
                "titles": cit_titles(_first(fields, "TITLE")),
                "object_types": _terms([_first(fields, "DESCRIPTION")]),
                "subjects": cit_subjects(fields.get("CIT", []), context.mapping.get("vocabulary")),
                "agents": cit_agents(fields),
                **cit_dates(_first(fields, "DATE"), warnings),
                "rights": _rights(context.mapping.get("rights"), warnings),
                "web_page": _first(fields, "URL.WEBPAGE"),
                "source": {"name": context.source_name, "format": self.name},
                "raw": raw.data,
            }
        )
        return Mapped(record=record, warnings=tuple(warnings))


def _decoded_lines(stream: IO[bytes], problems: list[SplitProblem]) -> Iterator[str]:
    for number, line in enumerate(stream, start=1):
        try:
            yield line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            problems.append(
                SplitProblem(f"line {number}", f"line {number} is not UTF-8 text; skipped")
            )


def _first(fields: DmpFields, name: str) -> str:
    values = fields.get(name) or [""]
    return values[0].strip()


def _check_holder(identifier: str, holder: str, wanted: Any) -> None:
    if not wanted:
        return
    accepted = [wanted] if isinstance(wanted, str) else list(wanted)
    if holder not in accepted:
        raise RecordSkipped(f"{identifier}: held by {holder or 'no one'}, not {'/'.join(accepted)}")


def cit_local_id(fields: DmpFields) -> str:
    """The holder's own number; the V&A's museum number is the alternative inventory number."""
    if _first(fields, "COL") == "VANDA":
        return _first(fields, "ID.INV.ALT")
    return _first(fields, "INSTIT.INV")


def cit_titles(title: str) -> dict[str, str]:
    """`English|中文` (either order) as a language map; the catalogue's Chinese is Traditional."""
    titles: dict[str, str] = {}
    for part in title.split("|"):
        tag = "zh-Hant" if HAN.search(part) else "en"
        text = part.strip()
        if text and tag not in titles:
            titles[tag] = text
    return titles


def cit_notation(code: str) -> str:
    """The thesaurus notation of a catalogue code: THESnnnnnn was renumbered CIT0nnnnnn."""
    return "CIT0" + code[4:] if code.startswith("THES") else code


def cit_subjects(codes: Iterable[str], vocabulary: str | None) -> list[dict[str, Any]]:
    labels = _vocabulary_labels(vocabulary) if vocabulary else {}
    subjects, seen = [], set()
    for code in codes:
        notation = cit_notation(code.strip())
        if not notation or notation in seen:
            continue
        seen.add(notation)
        names = labels.get(notation, {})
        lang = next(iter(names), "zxx")  # zxx: a code, no language, until labels are known
        text = names.get(lang, notation)
        concept = {"scheme": CIT_SCHEME, "notation": notation, "labels": names}
        subjects.append({"text": text, "lang": lang, "concept": concept})
    return subjects


@lru_cache(maxsize=4)
def _vocabulary_labels(path: str) -> dict[str, dict[str, str]]:
    """notation → {en, zh-Hant} labels of the thesaurus, read once per process."""
    labels: dict[str, dict[str, str]] = {}
    with Path(path).open(encoding="utf-8") as lines:
        for fields in parse_dmp(lines):
            names = {"en": _first(fields, "TERM_EN"), "zh-Hant": _first(fields, "TERM_ZH")}
            labels[_first(fields, "ID")] = {
                tag: text for tag, text in names.items() if text and not text.startswith("<")
            }
    return labels


def cit_agents(fields: DmpFields) -> list[dict[str, Any]]:
    name = _first(fields, "PERSON.ARTIST")
    if not name or name.lower() in NO_ARTIST:
        return []
    role = _first(fields, "PERSON.ROLE") or "artist"
    return [{"name": {"en": name}, "role": {"en": role}, "kind": "person"}]


def cit_dates(text: str, warnings: list[str]) -> dict[str, Any]:
    """The date as written (English) and its years: "Qing dynasty" → 1644..1911."""
    if not text:
        return {}
    span = parse_date(text, lang="en")
    if span is None:
        warnings.append(f"date '{text}' could not be read as years")
    return {
        "date_display": {"en": text},
        "earliest_year": span.earliest if span else None,
        "latest_year": span.latest if span else None,
    }


def _terms(texts: Iterable[str]) -> list[dict[str, Any]]:
    return [{"text": text, "lang": "en"} for text in texts if text]


def _rights(configured: Any, warnings: list[str]) -> str:
    if not configured:
        return CNE
    uri = to_rights_uri(str(configured))
    if uri is None:
        warnings.append(f"rights '{configured}' is not a rights statement Caravan knows; CNE used")
    return uri or CNE
