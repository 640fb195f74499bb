"""Read the Chinese Iconography Thesaurus (CIT) from its `.dmp` text export.

A dmp file is a run of records, each a block of `FIELD value` lines ending with a line holding
only `$`; a line starting with `; ` adds another value to the field above it. The thesaurus
records carry ID, TERM_ZH (Traditional Chinese), TERM_PINYIN, TERM_EN, KW_ZH and KW_EN
(synonyms), BROADER, C (children), P (all ancestors) and R (related terms).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from caravan.core.langmap import LanguageMap
from caravan.ingest.vocab import AltLabels, Vocabulary, VocabularyConcept

CIT_SCHEME_CODE = "cit"
CIT_TITLES: LanguageMap = {"en": "Chinese Iconography Thesaurus (CIT)"}
RECORD_END = "$"
CONTINUATION = "; "

DmpFields = dict[str, list[str]]


def split_dmp(lines: Iterable[str]) -> Iterator[list[str]]:
    """The lines of each record, verbatim without line ends and without the closing `$`."""
    record: list[str] = []
    for line in lines:
        line = line.rstrip("\r\n")
        if line.strip() == RECORD_END:
            if record:
                yield record
            record = []
        else:
            record.append(line)
    if any(line.strip() for line in record):
        yield record  # a last record whose `$` is missing


def dmp_fields(record_lines: Iterable[str]) -> DmpFields:
    """The values of each field of one record, continuations included, in file order."""
    fields: defaultdict[str, list[str]] = defaultdict(list)
    last = ""
    for line in record_lines:
        if line.startswith(CONTINUATION) and last:
            fields[last].append(line[len(CONTINUATION) :].strip())
        elif line.strip():
            last, _, value = line.strip().partition(" ")
            fields[last].append(value.strip())
    return {name: [value for value in values if value] for name, values in fields.items()}


def parse_dmp(lines: Iterable[str]) -> Iterator[DmpFields]:
    """The fields of each record of a dmp file (thesaurus or catalogue), streamed."""
    for record in split_dmp(lines):
        yield dmp_fields(record)


def read_cit_file(path: Path, *, code: str = CIT_SCHEME_CODE) -> Vocabulary:
    with path.open(encoding="utf-8") as lines:
        return read_cit(lines, code=code)


def read_cit(lines: Iterable[str], *, code: str = CIT_SCHEME_CODE) -> Vocabulary:
    """The thesaurus as a vocabulary: labels in zh-Hant, zh-Latn-pinyin and en, synonyms as
    alternative labels, and broader links to other terms of the file."""
    concepts: list[VocabularyConcept] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, fields in enumerate(parse_dmp(lines), start=1):
        notation = _first(fields, "ID")
        if not notation:
            problems.append(f"record {number} has no ID and was skipped")
        elif notation in seen:
            problems.append(f"ID {notation} is used twice; record {number} was skipped")
        else:
            seen.add(notation)
            concepts.append(cit_concept(fields))
    concepts = [_without_unknown_broader(concept, seen) for concept in concepts]
    return Vocabulary(
        code=code,
        titles=dict(CIT_TITLES),
        concepts=tuple(sorted(concepts, key=lambda concept: concept.notation)),
        problems=tuple(problems),
    )


def cit_concept(fields: DmpFields) -> VocabularyConcept:
    """One thesaurus record as a concept (its ID is the notation)."""
    pref_labels: LanguageMap = {}
    alt_labels: defaultdict[str, list[str]] = defaultdict(list)
    for field, tag in (
        ("TERM_ZH", "zh-Hant"),
        ("TERM_PINYIN", "zh-Latn-pinyin"),
        ("TERM_EN", "en"),
    ):
        values = fields.get(field, [])
        if values:
            pref_labels[tag] = values[0]
            # A few terms have two English or pinyin forms; the first is the preferred one.
            alt_labels[tag] += values[1:]
    synonyms = fields.get("KW_ZH", [])
    traditional = [*fields.get("TERM_ZH", [])[:1], *_in_script(synonyms, "zh-Hant")]
    for synonym in synonyms:
        alt_labels[chinese_synonym_tag(synonym, traditional)].append(synonym)
    alt_labels["en"] += fields.get("KW_EN", [])
    return VocabularyConcept(
        notation=_first(fields, "ID"),
        pref_labels=pref_labels,
        alt_labels=_clean_alt_labels(alt_labels, pref_labels),
        broader=tuple(dict.fromkeys(fields.get("BROADER", []))),
    )


def chinese_script_tag(text: str) -> str:
    """zh-Hans or zh-Hant when the text holds characters of only one script, else zh.

    A character in GB 2312 but not in Big5 exists only in Simplified writing, and one in Big5
    but not in GB 2312 only in Traditional: a cheap test that needs no conversion table.
    """
    simplified = any(_only_in(character, "gb2312", "big5") for character in text)
    traditional = any(_only_in(character, "big5", "gb2312") for character in text)
    if simplified and not traditional:
        return "zh-Hans"
    if traditional and not simplified:
        return "zh-Hant"
    return "zh"


def chinese_synonym_tag(synonym: str, traditional_forms: Iterable[str]) -> str:
    """Like chinese_script_tag, and zh-Hans also for a synonym that differs from a Traditional
    form only where that form has Traditional-only characters (气 beside 氣, 万象 beside 萬象)."""
    tag = chinese_script_tag(synonym)
    if tag != "zh":
        return tag
    for form in traditional_forms:
        if (
            len(form) == len(synonym)
            and form != synonym
            and all(
                mine == theirs or _only_in(theirs, "big5", "gb2312")
                for mine, theirs in zip(synonym, form, strict=True)
            )
        ):
            return "zh-Hans"
    return tag


def _in_script(texts: Iterable[str], tag: str) -> list[str]:
    return [text for text in texts if chinese_script_tag(text) == tag]


def _only_in(character: str, encoding: str, other_encoding: str) -> bool:
    return _encodable(character, encoding) and not _encodable(character, other_encoding)


def _encodable(character: str, encoding: str) -> bool:
    try:
        character.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _clean_alt_labels(alt_labels: dict[str, list[str]], pref_labels: LanguageMap) -> AltLabels:
    preferred = set(pref_labels.values())
    cleaned: AltLabels = {}
    for tag, texts in sorted(alt_labels.items()):
        kept = [text for text in dict.fromkeys(texts) if text not in preferred]
        if kept:
            cleaned[tag] = kept
    return cleaned


def _without_unknown_broader(concept: VocabularyConcept, known: set[str]) -> VocabularyConcept:
    broader = tuple(notation for notation in concept.broader if notation in known)
    return concept if broader == concept.broader else replace(concept, broader=broader)


def _first(fields: DmpFields, name: str) -> str:
    values = fields.get(name) or [""]
    return values[0]
